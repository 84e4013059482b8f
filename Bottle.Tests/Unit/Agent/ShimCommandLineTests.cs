using System.Runtime.Versioning;
using Bottle.Agent.Shim;
using Bottle.Agent.Workspace;

namespace Bottle.Tests.Unit.Agent;

[UnsupportedOSPlatform("windows")]
[TestClass]
public sealed class ShimCommandLineTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [TestMethod]
    public void Everything_after_the_double_dash_is_the_command_even_option_lookalikes()
    {
        var options = ShimCommandLine.Parse(["--workspace", "mount", "--", "sh", "-c", "--ca x"], NoEnv)!;

        Assert.AreEqual("sh|-c|--ca x", string.Join('|', options.Command));
        Assert.AreEqual(WorkspaceMode.Mount, options.Workspace);
        Assert.AreEqual(ShimCommandLine.DefaultCaFile, options.CaFile);
    }

    [TestMethod]
    public void Variables_give_defaults_and_options_override_them()
    {
        var env = new Dictionary<string, string>
        {
            ["BOTTLE_CA_FILE"] = "/env/ca.pem",
            ["BOTTLE_WORKSPACE"] = "clone",
            ["BOTTLE_CLONE_URL"] = "http://git-gate:8418/origin.git",
            ["BOTTLE_WORKDIR"] = "/workspace",
        };

        var options = ShimCommandLine.Parse(["--ca=/arg/ca.pem", "git", "status"], env)!;

        Assert.AreEqual("/arg/ca.pem", options.CaFile);
        Assert.AreEqual(WorkspaceMode.Clone, options.Workspace);
        Assert.AreEqual("http://git-gate:8418/origin.git", options.CloneUrl);
        Assert.AreEqual("/workspace", options.Workdir);
        Assert.AreEqual("git|status", string.Join('|', options.Command));
    }

    [TestMethod]
    public void Help_returns_null()
    {
        Assert.IsNull(ShimCommandLine.Parse(["--help"], NoEnv));
    }

    [TestMethod]
    [DataRow(new[] { "--bogus", "--", "sh" }, "unknown option '--bogus'")]
    [DataRow(new[] { "--ca" }, "option '--ca' needs a value")]
    [DataRow(new[] { "--workspace", "copy", "--", "sh" }, "workspace mode 'copy'")]
    [DataRow(new[] { "--" }, "no command given")]
    [DataRow(new string[0], "no command given")]
    public void Bad_command_lines_name_what_is_wrong(string[] args, string expected)
    {
        var ex = Assert.ThrowsExactly<ShimFailureException>(() => ShimCommandLine.Parse(args, NoEnv));

        StringAssert.Contains(ex.Message, expected);
        Assert.AreEqual(ShimExitCodes.ShimFailed, ex.ExitCode);
    }
}

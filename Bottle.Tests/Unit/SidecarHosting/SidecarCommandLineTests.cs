using Bottle.Sidecars.Hosting;

namespace Bottle.Tests.Unit.SidecarHosting;

[TestClass]
public sealed class SidecarCommandLineTests
{
    private static readonly string[] EveryRole = ["pipelock", "egress", "git-gate"];

    [TestMethod]
    [DataRow("pipelock")]
    [DataRow("egress")]
    [DataRow("git-gate")]
    public void Each_role_name_selects_exactly_that_role(string name)
    {
        Assert.IsTrue(SidecarCommandLine.TryParse([name], out var commandLine, out var error), error);

        Assert.AreEqual(SidecarCommand.Serve, commandLine.Command);
        Assert.AreEqual(name, commandLine.RoleName);
        Assert.AreEqual(name, commandLine.Roles.Single().Name);
        Assert.IsNull(commandLine.ConfigPath);
        Assert.AreEqual(SidecarCommandLine.DefaultAdminPort, commandLine.AdminPort);
    }

    [TestMethod]
    public void All_selects_every_role_once()
    {
        Assert.IsTrue(SidecarCommandLine.TryParse(["all"], out var commandLine, out var error), error);

        CollectionAssert.AreEquivalent(EveryRole, commandLine.Roles.Select(r => r.Name).ToArray());
    }

    [TestMethod]
    public void Role_names_in_the_table_are_unique() =>
        Assert.HasCount(SidecarRoles.All.Count, SidecarRoles.All.Select(r => r.Name).Distinct());

    [TestMethod]
    [DataRow(new[] { "egress", "--config", "/etc/bottle/egress.yaml" })]
    [DataRow(new[] { "--config", "/etc/bottle/egress.yaml", "egress" })]
    [DataRow(new[] { "egress", "--config=/etc/bottle/egress.yaml" })]
    public void Config_is_taken_in_either_position_and_form(string[] args)
    {
        Assert.IsTrue(SidecarCommandLine.TryParse(args, out var commandLine, out var error), error);

        Assert.AreEqual("egress", commandLine.RoleName);
        Assert.AreEqual("/etc/bottle/egress.yaml", commandLine.ConfigPath);
    }

    [TestMethod]
    public void Admin_port_can_be_set()
    {
        Assert.IsTrue(SidecarCommandLine.TryParse(["git-gate", "--admin-port", "0"], out var commandLine, out var error), error);

        Assert.AreEqual(0, commandLine.AdminPort);
    }

    [TestMethod]
    public void Probe_is_a_command_not_a_role()
    {
        Assert.IsTrue(SidecarCommandLine.TryParse(["probe", "--admin-port=9902"], out var commandLine, out var error), error);

        Assert.AreEqual(SidecarCommand.Probe, commandLine.Command);
        Assert.AreEqual(9902, commandLine.AdminPort);
        Assert.IsEmpty(commandLine.Roles);
    }

    [TestMethod]
    [DataRow(new string[0], "missing role")]
    [DataRow(new[] { "pipelok" }, "unknown role 'pipelok'")]
    [DataRow(new[] { "Egress" }, "unknown role 'Egress'")]
    [DataRow(new[] { "egress", "git-gate" }, "unexpected argument 'git-gate' after 'egress'")]
    [DataRow(new[] { "egress", "--config" }, "option --config needs a file path")]
    [DataRow(new[] { "egress", "--config=" }, "option --config needs a file path")]
    [DataRow(new[] { "egress", "--admin-port", "http" }, "option --admin-port: 'http' is not a port number")]
    [DataRow(new[] { "egress", "--admin-port", "-1" }, "option --admin-port: '-1' is not a port number")]
    [DataRow(new[] { "egress", "--admin-port", "65536" }, "option --admin-port: '65536' is not a port number")]
    [DataRow(new[] { "egress", "--verbose" }, "unknown option '--verbose'")]
    [DataRow(new[] { "probe", "--config", "x.yaml" }, "option --config does not apply to probe")]
    public void Bad_command_lines_are_rejected_with_a_message_naming_the_argument(string[] args, string expected)
    {
        Assert.IsFalse(SidecarCommandLine.TryParse(args, out var commandLine, out var error));

        Assert.IsNull(commandLine);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public void Unknown_role_message_lists_the_valid_roles()
    {
        Assert.IsFalse(SidecarCommandLine.TryParse(["nope"], out _, out var error));

        StringAssert.Contains(error, "pipelock, egress, git-gate, all");
    }
}

using System.Runtime.Versioning;
using Bottle.Agent.Processes;
using Bottle.Agent.Shim;
using Bottle.Agent.Trust;

namespace Bottle.Tests.Unit.Agent;

[TestClass]
[UnsupportedOSPlatform("windows")]
public sealed class ShimRunnerTests
{
    [TestMethod]
    public async Task The_command_runs_with_proxy_CA_and_git_prepared_and_its_exit_code_comes_back()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        var env = GitRewritesTests.IsolatedGitEnvironment(temp);
        env["HTTPS_PROXY"] = "http://10.77.0.2:8080";
        env["GIT_CONFIG_COUNT"] = "1";
        env["GIT_CONFIG_KEY_0"] = "url.http://10.77.0.3:8418/origin.git.insteadOf";
        env["GIT_CONFIG_VALUE_0"] = "git@github.com:acme/app.git";
        var errors = new StringWriter();

        var exit = await Runner(errors).RunAsync(
            ["--ca", ca.CaFile, "--workdir", temp.Path, "--", "sh", "-c",
             "printf '%s\\n' \"$http_proxy\" \"$no_proxy\" \"$SSL_CERT_FILE\" > out; git config --get-regexp insteadof >> out; exit 7"],
            env,
            NonRootTrust(temp),
            new ChildProcessRunner { UnderTerminal = false },
            CancellationToken.None);

        Assert.AreEqual(7, exit, errors.ToString());
        CollectionAssert.AreEqual(
            new[]
            {
                "http://10.77.0.2:8080",
                "localhost,127.0.0.1,10.77.0.3",
                CaTrustOptions.UserBundleIn(temp.Path),
                "url.http://10.77.0.3:8418/origin.git.insteadof git@github.com:acme/app.git",
            },
            File.ReadAllLines(temp["out"]));
    }

    [TestMethod]
    public async Task A_shim_failure_is_125_with_a_message_and_the_command_never_runs()
    {
        using var temp = new TempDirectory();
        var env = GitRewritesTests.IsolatedGitEnvironment(temp);
        env["HTTPS_PROXY"] = "http://10.77.0.2:8080";
        var errors = new StringWriter();

        var exit = await Runner(errors).RunAsync(
            ["--ca", temp["absent.pem"], "--workdir", temp.Path, "--", "sh", "-c", "echo ran > out"],
            env,
            NonRootTrust(temp),
            new ChildProcessRunner { UnderTerminal = false },
            CancellationToken.None);

        Assert.AreEqual(ShimExitCodes.ShimFailed, exit);
        StringAssert.StartsWith(errors.ToString(), $"bottle-agent: cannot read the bottle CA '{temp["absent.pem"]}'");
        Assert.IsFalse(File.Exists(temp["out"]));
    }

    [TestMethod]
    public async Task A_missing_command_is_127()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        var env = GitRewritesTests.IsolatedGitEnvironment(temp);
        env["HTTPS_PROXY"] = "http://10.77.0.2:8080";
        var errors = new StringWriter();

        var exit = await Runner(errors).RunAsync(
            ["--ca", ca.CaFile, "--workdir", temp.Path, "--", "no-such-agent"], env, NonRootTrust(temp), new ChildProcessRunner { UnderTerminal = false }, CancellationToken.None);

        Assert.AreEqual(ShimExitCodes.NotFound, exit);
        StringAssert.Contains(errors.ToString(), "bottle-agent: no-such-agent: command not found");
    }

    private static ShimRunner Runner(StringWriter errors) => new(TimeProvider.System, errors);

    // The tests run as root on the host: never let them touch the host's system store.
    private static Func<CaTrustOptions, CaTrustOptions> NonRootTrust(TempDirectory temp) =>
        options => options with { SystemBundle = temp["no-system-bundle"], CanWriteSystemStore = false };
}

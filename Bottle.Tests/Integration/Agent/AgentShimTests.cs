using System.Runtime.Versioning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Unit.Agent;

namespace Bottle.Tests.Integration.Agent;

/// <summary>The shim in the real slim agent image, as the non-root user <c>agent</c>, against a real TLS server container.</summary>
[TestClass]
[TestCategory("Integration")]
[UnsupportedOSPlatform("windows")]
public sealed class AgentShimTests
{
    private const string TlsServer = "tls-server";
    private const string Pipelock = "http://10.77.0.2:8080";
    private const string GitGate = "http://10.77.0.3:8418/origin.git";
    private const string RealRemote = "git@github.com:acme/app.git";

    [TestMethod]
    public async Task As_agent_the_CA_is_trusted_proxy_and_git_rewrites_are_set_and_the_exit_code_comes_back()
    {
        var image = await BottleImages.AgentAsync();
        using var ca = TestCertificateAuthority.Create(TlsServer);
        await using var network = await TestNetwork.CreateAsync();
        await using var containers = new TestContainers();
        await StartTlsServerAsync(containers, image, network.Name, ca);

        var result = await DockerCommand.RunAsync(
            [.. RunAgent(containers, image, network.Name, ca), "bottle-agent", "--", "sh", "-c",
             $"echo $HTTPS_PROXY; git config --get-regexp insteadof; curl -sS -o /dev/null -w '%{{http_code}}\\n' https://{TlsServer}:8443/; "
             + "openssl verify -CAfile $SSL_CERT_FILE /etc/bottle/leaf.pem; id -un; exit 7"],
            CancellationToken.None);

        Assert.AreEqual(7, result.ExitCode, result.StdErr);
        CollectionAssert.AreEqual(
            new[] { Pipelock, $"url.{GitGate}.insteadof {RealRemote}", "200", "/etc/bottle/leaf.pem: OK", "agent" },
            result.StdOut.Trim().Split('\n'),
            result.StdOut + result.StdErr);
    }

    [TestMethod]
    public async Task Without_the_shim_the_same_curl_fails_certificate_verification()
    {
        var image = await BottleImages.AgentAsync();
        using var ca = TestCertificateAuthority.Create(TlsServer);
        await using var network = await TestNetwork.CreateAsync();
        await using var containers = new TestContainers();
        await StartTlsServerAsync(containers, image, network.Name, ca);

        // The control for the test above: the server's certificate is trusted only because the shim trusted the bottle CA.
        var result = await DockerCommand.RunAsync(
            [.. RunAgent(containers, image, network.Name, ca), "curl", "-sS", "-o", "/dev/null", $"https://{TlsServer}:8443/"], CancellationToken.None);

        Assert.AreEqual(60, result.ExitCode, "curl exit 60: peer certificate cannot be authenticated\n" + result.StdErr);
    }

    [TestMethod]
    public async Task As_root_the_CA_goes_into_the_system_store_so_even_a_scrubbed_environment_trusts_it()
    {
        var image = await BottleImages.AgentAsync();
        using var ca = TestCertificateAuthority.Create(TlsServer);
        await using var network = await TestNetwork.CreateAsync();
        await using var containers = new TestContainers();
        await StartTlsServerAsync(containers, image, network.Name, ca);

        var result = await DockerCommand.RunAsync(
            [.. RunAgent(containers, image, network.Name, ca, "--user", "root"), "bottle-agent", "--", "sh", "-c",
             $"echo $SSL_CERT_FILE; unset SSL_CERT_FILE CURL_CA_BUNDLE; curl -sS -o /dev/null -w '%{{http_code}}\\n' https://{TlsServer}:8443/"],
            CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, result.StdErr);
        Assert.AreEqual("/etc/ssl/certs/ca-certificates.crt\n200", result.StdOut.Trim());
    }

    [TestMethod]
    public async Task SIGTERM_to_the_shim_reaches_the_childs_trap_and_its_exit_code_comes_back()
    {
        var image = await BottleImages.AgentAsync();
        using var ca = TestCertificateAuthority.Create(TlsServer);
        await using var containers = new TestContainers();
        var name = containers.NewName("agent-signal");
        (await DockerCommand.RunAsync(
            "run", "-d", "--name", name, "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", "--network", "none",
            "-v", $"{ca.Directory}:/etc/bottle:ro", "-e", $"HTTPS_PROXY={Pipelock}",
            image, "bottle-agent", "--", "sh", "-c", "trap 'echo trapped; exit 42' TERM; echo ready; while :; do sleep 0.1; done"))
            .EnsureSuccess("docker run the shim with a trapping child");
        await Poll.UntilAsync(
            async () => (await DockerCommand.RunAsync("logs", name)).StdOut.Contains("ready", StringComparison.Ordinal) ? "ready" : null,
            TimeSpan.FromSeconds(30),
            "the child to set its trap");

        // The shim is the container's PID 1: docker kill signals it, and only it.
        (await DockerCommand.RunAsync("kill", "--signal", "TERM", name)).EnsureSuccess("docker kill -s TERM");
        var exit = (await DockerCommand.RunAsync("wait", name)).EnsureSuccess("docker wait");

        Assert.AreEqual("42", exit);
        StringAssert.Contains((await DockerCommand.RunAsync("logs", name)).StdOut, "trapped");
    }

    [TestMethod]
    public async Task Shim_failures_have_their_documented_exit_codes()
    {
        var image = await BottleImages.AgentAsync();
        using var ca = TestCertificateAuthority.Create(TlsServer);
        await using var containers = new TestContainers();

        var noCa = await RunShimAsync(containers, image, ca, "--ca", "/etc/bottle/absent.pem", "--", "true");
        var notFound = await RunShimAsync(containers, image, ca, "--", "no-such-agent");
        var notExecutable = await RunShimAsync(containers, image, ca, "--", "/etc/bottle/ca.pem");
        var noMount = await RunShimAsync(containers, image, ca, "--workspace", "mount", "--workdir", "/nowhere", "--", "true");

        Assert.AreEqual(125, noCa.ExitCode);
        StringAssert.Contains(noCa.StdErr, "bottle-agent: cannot read the bottle CA '/etc/bottle/absent.pem'");
        Assert.AreEqual(127, notFound.ExitCode);
        Assert.AreEqual(126, notExecutable.ExitCode);
        Assert.AreEqual(125, noMount.ExitCode);
        StringAssert.Contains(noMount.StdErr, "'/nowhere' does not exist");
    }

    private static Task<ProcessResult> RunShimAsync(TestContainers containers, string image, TestCertificateAuthority ca, params string[] shimArgs) =>
        DockerCommand.RunAsync(
            ["run", "--name", containers.NewName("agent-fail"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", "--network", "none",
             "-v", $"{ca.Directory}:/etc/bottle:ro", "-e", $"HTTPS_PROXY={Pipelock}", image, "bottle-agent", .. shimArgs],
            CancellationToken.None);

    private static string[] RunAgent(TestContainers containers, string image, string network, TestCertificateAuthority ca, params string[] extra) =>
    [
        "run", "--name", containers.NewName("agent"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}",
        "--network", network, "-v", $"{ca.Directory}:/etc/bottle:ro",
        // The plan's environment: pipelock as proxy (unreachable here: the TLS server is on the no-proxy list), git rewrites.
        "-e", $"HTTPS_PROXY={Pipelock}", "-e", $"NO_PROXY={TlsServer}",
        "-e", "GIT_CONFIG_COUNT=1", "-e", $"GIT_CONFIG_KEY_0=url.{GitGate}.insteadOf", "-e", $"GIT_CONFIG_VALUE_0={RealRemote}",
        .. extra, image,
    ];

    private static async Task StartTlsServerAsync(TestContainers containers, string image, string network, TestCertificateAuthority ca)
    {
        var name = containers.NewName("tls");
        (await DockerCommand.RunAsync(
            "run", "-d", "--name", name, "--label", $"{TestContainers.LabelName}={TestContainers.RunId}",
            "--network", network, "--network-alias", TlsServer, "-v", $"{ca.Directory}:/certs:ro", image,
            "openssl", "s_server", "-accept", "8443", "-cert", "/certs/leaf.pem", "-key", "/certs/leaf-key.pem", "-www"))
            .EnsureSuccess("docker run openssl s_server");
        await Poll.UntilAsync(
            async () => (await DockerCommand.RunAsync("logs", name)).StdOut.Contains("ACCEPT", StringComparison.Ordinal) ? "up" : null,
            TimeSpan.FromSeconds(30),
            "openssl s_server to accept connections");
    }
}

using System.Net;
using System.Net.Sockets;
using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;
using Bottle.Tests.Integration.Infrastructure;
using TestSidecarConfigs = Bottle.Tests.Integration.SidecarRoles.SidecarConfigSet;

namespace Bottle.Tests.Integration.Compose;

/// <summary>
/// From inside the agent container of a real bottle: it reaches its sidecars and nothing else. Each attack is
/// its own test and passes only when the attack fails; each has a control showing the target is really there.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class AgentIsolationTests
{
    private static ComposeTestBottle? bottle;

    private static ComposeTestBottle Bottle => bottle ?? throw new InvalidOperationException("the class bottle did not start");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        var created = await ComposeTestBottle.CreateAsync("iso");
        try
        {
            await created.UpAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }

        bottle = created;
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (bottle is not null)
        {
            await bottle.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Agent_reaches_pipelock() =>
        // pipelock answers a bare origin-form GET on its proxy port with 400: it is there, and it is a proxy.
        Assert.AreEqual("400", await CurlStatusAsync(Address("pipelock", "agent"), SidecarPorts.PipelockProxy));

    [TestMethod]
    public async Task Agent_reaches_git_gate() =>
        Assert.AreNotEqual("000", await CurlStatusAsync(Address("git-gate", "agent"), SidecarPorts.GitGateHttp));

    [TestMethod]
    [DataRow("pipelock")]
    [DataRow("git-gate")]
    public async Task Agent_cannot_reach_a_sidecar_admin_endpoint(string role)
    {
        // Controls: the admin endpoint is up on the sidecar network (asked from the egress container, which is on
        // it), and the container's own healthcheck (bottle-sidecars probe, on loopback) still passes.
        var onSidecarNetwork = Address(role, "sidecar");
        var fromEgress = await DockerCommand.RunAsync(
            "exec", $"{Bottle.Plan.ComposeProject}-egress", "bash", "-c",
            $"exec 3<>/dev/tcp/{onSidecarNetwork}/{SidecarPorts.Admin} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 12 <&3");
        Assert.AreEqual("HTTP/1.1 200", fromEgress.EnsureSuccess("admin request from egress"));
        Assert.AreEqual("healthy", await HealthOfAsync(role));

        Assert.AreEqual("000", await CurlStatusAsync(Address(role, "agent"), SidecarPorts.Admin), $"the agent reached {role}'s /health on its agent address");
        var metrics = await Bottle.ExecAsync(
            "curl", "--silent", "--output", "/dev/null", "--write-out", "%{http_code}", "--max-time", "3", "--noproxy", "*", $"http://{Address(role, "agent")}:{SidecarPorts.Admin}/metrics");
        Assert.AreEqual("000", metrics.Output.Trim(), $"the agent reached {role}'s /metrics on its agent address");
    }

    [TestMethod]
    public async Task Agent_cannot_reach_egress()
    {
        // Control: egress answers on the sidecar network (pipelock, on it, reaches it).
        var egress = Address("egress", "sidecar");
        Assert.AreEqual("healthy", await HealthOfAsync("egress"));

        Assert.AreEqual("000", await CurlStatusAsync(egress, SidecarPorts.Admin));
    }

    [TestMethod]
    public async Task Agent_cannot_reach_the_out_network()
    {
        // egress's own admin endpoint is on the sidecar network only, so the target on the out network is a victim
        // container listening on all addresses there; the host reaching it is the control.
        await using var containers = new TestContainers();
        var outNetwork = Bottle.Plan.Networks.Single(n => n.Role == "out");
        var ip = await StartVictimAsync(containers, outNetwork.Name);

        Assert.AreEqual("000", await CurlStatusAsync(ip, SidecarPorts.Admin));
        Assert.AreEqual("000", await CurlStatusAsync(outNetwork.Gateway, SidecarPorts.Admin));
    }

    [TestMethod]
    public async Task Agent_cannot_reach_a_container_on_another_network()
    {
        await using var containers = new TestContainers();
        var network = $"bottle-test-net-{Guid.NewGuid():N}"[..30];
        (await DockerCommand.RunAsync("network", "create", "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", network)).EnsureSuccess("network create");
        try
        {
            var ip = await StartVictimAsync(containers, network);

            Assert.AreEqual("000", await CurlStatusAsync(ip, SidecarPorts.Admin));
        }
        finally
        {
            await containers.DisposeAsync();
            await DockerCommand.RunAsync("network", "rm", network);
        }
    }

    [TestMethod]
    public async Task Agent_cannot_reach_a_host_service_listening_on_all_addresses()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        // Control: the listener is there.
        using (var control = new TcpClient())
        {
            await control.ConnectAsync(IPAddress.Loopback, port);
        }

        (await accepted).Dispose();
        accepted = listener.AcceptTcpClientAsync();

        var targets = Bottle.Plan.Networks.Where(n => n.Internal).Select(n => n.Gateway).Append("172.17.0.1").Concat(await HostAddressesAsync());
        foreach (var target in targets)
        {
            Assert.AreEqual("000", await CurlStatusAsync(target, port), $"the agent reached the host at {target}:{port}");
        }

        Assert.IsFalse(accepted.IsCompleted, "the host listener accepted a connection from the agent");
    }

    [TestMethod]
    public async Task Agent_cannot_resolve_an_outside_name()
    {
        var lookup = await Bottle.ExecAsync("getent", "hosts", "deb.debian.org");
        Assert.AreNotEqual(0, lookup.ExitCode, $"the agent resolved an outside name: {lookup.Output}");
        Assert.AreEqual(string.Empty, lookup.Output.Trim());
    }

    /// <summary>
    /// Starts a victim on <paramref name="network"/>: a sidecar container whose admin endpoint listens on all
    /// addresses (its test config says 0.0.0.0), and waits until the host reaches it. Returns its address.
    /// </summary>
    private static async Task<string> StartVictimAsync(TestContainers containers, string network)
    {
        // Roles refuse to start without a config of their own.
        using var configs = TestSidecarConfigs.CreateForContainer([]);
        var name = await containers.RunDetachedAsync(
            "victim", ["--network", network, "-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro"],
            Bottle.SidecarImage, "egress", "--config", SidecarPaths.ConfigDirectory);
        var ip = (await DockerCommand.RunAsync("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name)).EnsureSuccess("inspect victim");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri($"http://{ip}:{SidecarPorts.Admin}/health"))).IsSuccessStatusCode ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60), "the victim container to answer");
        return ip;
    }

    private static string Address(string role, string network) =>
        Bottle.Plan.Sidecars.Single(s => s.Role == role).Addresses.Single(a => a.Network == network).Address;

    private static async Task<string> CurlStatusAsync(string address, int port)
    {
        var result = await Bottle.ExecAsync("curl", "--silent", "--output", "/dev/null", "--write-out", "%{http_code}", "--max-time", "3", "--noproxy", "*", $"http://{address}:{port}/health");
        return result.Output.Trim();
    }

    private static async Task<string> HealthOfAsync(string service) =>
        (await DockerCommand.RunAsync("inspect", "--format", "{{.State.Health.Status}}", $"{Bottle.Plan.ComposeProject}-{service}")).EnsureSuccess("inspect");

    private static async Task<IEnumerable<string>> HostAddressesAsync() =>
        (await Dns.GetHostAddressesAsync(Dns.GetHostName()))
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString());
}

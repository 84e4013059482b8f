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
        Assert.AreEqual("200", await CurlStatusAsync(Address("pipelock", "agent"), SidecarPorts.Admin));

    [TestMethod]
    public async Task Agent_reaches_git_gate() =>
        Assert.AreEqual("200", await CurlStatusAsync(Address("git-gate", "agent"), SidecarPorts.Admin));

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
        // Control: the host reaches egress on the out network, so something listens there.
        var outAddress = Address("egress", "out");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.AreEqual(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://{outAddress}:{SidecarPorts.Admin}/health"))).StatusCode);

        Assert.AreEqual("000", await CurlStatusAsync(outAddress, SidecarPorts.Admin));
        Assert.AreEqual("000", await CurlStatusAsync(Bottle.Plan.Networks.Single(n => n.Role == "out").Gateway, SidecarPorts.Admin));
    }

    [TestMethod]
    public async Task Agent_cannot_reach_a_container_on_another_network()
    {
        await using var containers = new TestContainers();
        var network = $"bottle-test-net-{Guid.NewGuid():N}"[..30];
        (await DockerCommand.RunAsync("network", "create", "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", network)).EnsureSuccess("network create");
        try
        {
            // The victim is a sidecar container with a config of its own (roles refuse to start without one).
            using var configs = TestSidecarConfigs.CreateForContainer([]);
            var name = await containers.RunDetachedAsync(
                "victim", ["--network", network, "-v", $"{configs.Directory}:{SidecarPaths.ConfigDirectory}:ro"],
                Bottle.SidecarImage, "egress", "--config", SidecarPaths.ConfigDirectory);
            var ip = (await DockerCommand.RunAsync("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name)).EnsureSuccess("inspect victim");

            // Control: the victim answers (the host reaches it on its bridge).
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

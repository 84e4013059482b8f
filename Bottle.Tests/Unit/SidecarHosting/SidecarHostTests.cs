using System.Net.Http.Json;
using System.Text.Json;
using Bottle.Sidecars.Hosting;
using Bottle.Tests.Integration.Pipelock;
using Bottle.Tests.Integration.SidecarRoles;
using Microsoft.AspNetCore.Builder;

namespace Bottle.Tests.Unit.SidecarHosting;

[TestClass]
public sealed class SidecarHostTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Bad_role_exits_2_with_the_usage_on_stderr()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await SidecarHost.RunAsync(["pipelok"], stdout, stderr, TestContext.CancellationToken);

        Assert.AreEqual(SidecarHost.UsageExitCode, exitCode);
        StringAssert.Contains(stderr.ToString(), "unknown role 'pipelok'");
        StringAssert.Contains(stderr.ToString(), "usage: bottle-sidecars");
    }

    [TestMethod]
    public async Task A_missing_config_file_exits_2_and_names_the_file()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"bottle-missing-{Guid.NewGuid():N}.yaml");

        var exitCode = await SidecarHost.RunAsync(["egress", "--config", missing, "--admin-port", "0"], stdout, stderr, TestContext.CancellationToken);

        Assert.AreEqual(SidecarHost.UsageExitCode, exitCode);
        StringAssert.Contains(stderr.ToString(), $"config file '{missing}'");
    }

    [TestMethod]
    public async Task Probe_fails_when_nothing_listens()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Port 1 on loopback: privileged and unused here, so the connection is refused.
        var exitCode = await SidecarHost.RunAsync(["probe", "--admin-port", "1"], stdout, stderr, TestContext.CancellationToken);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(stderr.ToString(), "127.0.0.1:1/health");
    }

    [TestMethod]
    public async Task Health_reports_status_role_and_version_as_json_and_probe_accepts_it()
    {
        using var configs = SidecarConfigSet.Create([TestRules.Host("api.test.local"), TestRules.Host("*.example.com")]);
        Assert.IsTrue(SidecarCommandLine.TryParse(["all", "--admin-port", "0", "--config", configs.Directory], out var commandLine, out var error), error);
        await using var app = SidecarHost.Build(commandLine);
        await app.StartAsync(TestContext.CancellationToken);
        try
        {
            var port = new Uri(app.Urls.Single()).Port;
            using var http = new HttpClient();

            var health = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/health", TestContext.CancellationToken);
            Assert.AreEqual("Healthy", health.GetProperty("status").GetString());
            Assert.AreEqual("all", health.GetProperty("role").GetString());
            Assert.IsFalse(string.IsNullOrWhiteSpace(health.GetProperty("version").GetString()));
            Assert.AreEqual(1, health.GetProperty("data").GetProperty("pipelock").GetProperty("policyVersion").GetInt64());
            Assert.AreEqual(2, health.GetProperty("data").GetProperty("pipelock").GetProperty("rules").GetInt64());
            Assert.AreEqual(2, health.GetProperty("data").GetProperty("egress").GetProperty("rules").GetInt64());
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.CancellationToken);
            StringAssert.Contains(metrics, "pipelock_policy_rules 2\n");
            StringAssert.Contains(metrics, "egress_policy_version 1\n");

            using var stderr = new StringWriter();
            Assert.AreEqual(0, await SidecarHost.RunAsync(["probe", "--admin-port", port.ToString()], TextWriter.Null, stderr, TestContext.CancellationToken), stderr.ToString());
        }
        finally
        {
            await app.StopAsync(TestContext.CancellationToken);
        }
    }

    [TestMethod]
    public async Task The_admin_endpoint_listens_on_the_configs_admin_address_and_loopback_not_on_every_address()
    {
        // The configs put every admin endpoint on 127.0.0.1; a sidecar that bound all addresses would also answer on
        // 127.0.0.3, as it did on git-gate's and pipelock's agent-facing address in a bottle.
        using var configs = SidecarConfigSet.Create([TestRules.Host("api.test.local")]);
        Assert.IsTrue(SidecarCommandLine.TryParse(["all", "--admin-port", "0", "--config", configs.Directory], out var commandLine, out var error), error);
        await using var app = SidecarHost.Build(commandLine);
        await app.StartAsync(TestContext.CancellationToken);
        try
        {
            var url = new Uri(app.Urls.Single());
            Assert.AreEqual("127.0.0.1", url.Host);
            using var http = new HttpClient();
            using var metrics = await http.GetAsync($"http://127.0.0.1:{url.Port}/metrics", TestContext.CancellationToken);
            Assert.AreEqual(System.Net.HttpStatusCode.OK, metrics.StatusCode, "control: the admin endpoint answers on its address");
            StringAssert.StartsWith(metrics.Content.Headers.ContentType?.ToString(), "text/plain; version=0.0.4");

            using var other = new System.Net.Sockets.TcpClient();
            var refused = await Assert.ThrowsExactlyAsync<System.Net.Sockets.SocketException>(
                () => other.ConnectAsync(System.Net.IPAddress.Parse("127.0.0.3"), url.Port, TestContext.CancellationToken).AsTask());
            Assert.AreEqual(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
        finally
        {
            await app.StopAsync(TestContext.CancellationToken);
        }
    }
}

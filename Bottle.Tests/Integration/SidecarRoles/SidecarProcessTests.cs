using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Bottle.Sidecars.Configuration;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Integration.Pipelock;

namespace Bottle.Tests.Integration.SidecarRoles;

/// <summary>The real <c>bottle-sidecars</c> process per role, configured only by its <c>--config</c> file, on loopback.</summary>
[TestClass]
public sealed class SidecarProcessTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Pipelock_serves_health_with_its_policy_and_denies_what_the_policy_does_not_allow()
    {
        using var configs = SidecarConfigSet.Create([TestRules.Host("api.test.local")]);
        await using var sidecar = SidecarProcess.Start("pipelock", "--config", configs.PathOf("pipelock"));

        var health = JsonDocument.Parse(await sidecar.WaitHealthyAsync(StartDeadline, TestContext.CancellationToken)).RootElement;
        var pipelock = health.GetProperty("data").GetProperty("pipelock");
        Assert.AreEqual(1, pipelock.GetProperty("policyVersion").GetInt64());
        Assert.AreEqual(1, pipelock.GetProperty("rules").GetInt64());

        var answer = await ExchangeAsync(configs.Pipelock.Proxy.Port, "GET http://evil.test/ HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n");
        StringAssert.StartsWith(answer, "HTTP/1.1 403");
        StringAssert.Contains(answer, "X-Bottle-Deny-Reason: host-not-allowed");
        await AssertMetricsAsync(sidecar, "pipelock_denied_total{reason=\"host-not-allowed\"} 1\n");
    }

    [TestMethod]
    public async Task Egress_serves_health_and_refuses_a_tunnel_no_rule_allows()
    {
        using var configs = SidecarConfigSet.Create([TestRules.Host("api.test.local")]);
        await using var sidecar = SidecarProcess.Start("egress", "--config", configs.PathOf("egress"));

        var health = JsonDocument.Parse(await sidecar.WaitHealthyAsync(StartDeadline, TestContext.CancellationToken)).RootElement;
        Assert.AreEqual(1, health.GetProperty("data").GetProperty("egress").GetProperty("rules").GetInt64());

        var answer = await ExchangeAsync(configs.Egress.Proxy.Port, "CONNECT evil.test:443 HTTP/1.1\r\nHost: evil.test:443\r\n\r\n");
        StringAssert.StartsWith(answer, "HTTP/1.1 403");
        StringAssert.Contains(answer, "X-Bottle-Blocked-By: egress");
        await AssertMetricsAsync(sidecar, "egress_requests_total{decision=\"block\"} 1\n");
        // The audit writer appends from a background task: wait for the line, with a deadline.
        var audit = await Poll.UntilAsync(
            async () => File.Exists(configs.AuditPath) && (await File.ReadAllTextAsync(configs.AuditPath)) is { } text && text.Contains("evil.test", StringComparison.Ordinal) ? text : null,
            TimeSpan.FromSeconds(10),
            "the egress audit line");
        StringAssert.Contains(audit, "\"sidecar\":\"egress\"");
        await Poll.UntilAsync(() => Task.FromResult(sidecar.Output.Contains("\"host\":\"evil.test\"", StringComparison.Ordinal) ? "" : null), TimeSpan.FromSeconds(10), "the audit line on stdout");
    }

    [TestMethod]
    public async Task Git_gate_serves_health_and_its_smart_http_port()
    {
        using var configs = SidecarConfigSet.Create([]);
        await using var sidecar = SidecarProcess.Start("git-gate", "--config", configs.PathOf("git-gate"));

        var health = JsonDocument.Parse(await sidecar.WaitHealthyAsync(StartDeadline, TestContext.CancellationToken)).RootElement;
        Assert.AreEqual(0, health.GetProperty("data").GetProperty("git-gate").GetProperty("remotes").GetInt64());

        var answer = await ExchangeAsync(configs.GitGate.Http.Port, "GET /nothing.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: gate\r\nConnection: close\r\n\r\n");
        StringAssert.StartsWith(answer, "HTTP/1.1 404");
    }

    [TestMethod]
    [DataRow("pipelock")]
    [DataRow("egress")]
    [DataRow("git-gate")]
    public async Task A_role_whose_config_is_bad_does_not_start_and_says_where(string role)
    {
        using var configs = SidecarConfigSet.Create([TestRules.Host("api.test.local")]);
        var text = File.ReadAllText(configs.PathOf(role)).Replace("\"admin\"", "\"admn\"", StringComparison.Ordinal);
        configs.Write(role, text);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("admn", StringComparison.Ordinal)) + 1;
        await using var sidecar = SidecarProcess.Start(role, "--config", configs.PathOf(role));

        var exitCode = await sidecar.WaitForExitAsync(TestContext.CancellationToken);

        Assert.AreNotEqual(0, exitCode);
        StringAssert.Contains(sidecar.Output, $"{configs.PathOf(role)}:{line}:");
        StringAssert.Contains(sidecar.Output, "admn");
    }

    [TestMethod]
    public async Task A_role_without_config_does_not_start()
    {
        await using var sidecar = SidecarProcess.Start("pipelock");

        Assert.AreNotEqual(0, await sidecar.WaitForExitAsync(TestContext.CancellationToken));
        StringAssert.Contains(sidecar.Output, "the pipelock role needs its config: --config FILE");
    }

    private async Task AssertMetricsAsync(SidecarProcess sidecar, string expected)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{sidecar.AdminPort}/metrics", TestContext.CancellationToken);
        StringAssert.Contains(metrics, expected);
    }

    private async Task<string> ExchangeAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.CancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var head = new StringBuilder();
        for (var line = await reader.ReadLineAsync(TestContext.CancellationToken); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(TestContext.CancellationToken))
        {
            head.Append(line).Append('\n');
        }

        return head.ToString().Replace("\n", "\r\n", StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bottle.AppHost.Audit;
using Bottle.AppHost.Cli;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.Audit;
using Bottle.Tests.Integration.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Up;

/// <summary>
/// <c>bottle up</c> in this process against real Docker: the printed dashboard link works, the API shows the
/// bottle Running/Healthy, lines appended to the state dir's <c>audit.jsonl</c> (by the sidecars' own writer)
/// stream out of the Egress API, and <c>apply</c> renames a changed config into place where the running
/// pipelock container sees it.
/// </summary>
[TestClass]
public sealed partial class UpCommandTests
{
    private static readonly TimeSpan UpDeadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Up_serves_the_dashboard_and_the_audit_stream_and_apply_reaches_the_running_pipelock()
    {
        await DockerEngine.RequireAsync();
        await using var bottle = await ComposeTestBottle.CreateAsync("up");
        var port = FreeLoopbackPort();
        using var output = new SharedWriter();
        using var error = new SharedWriter();
        using var stop = new CancellationTokenSource();
        var up = BottleCli.RunAsync(
            ["up", bottle.ManifestPath, "--yes", "--dashboard-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--sidecar-image", bottle.SidecarImage, "--state-dir", bottle.StateRoot.Path],
            output, error, stop.Token);
        try
        {
            var login = await Poll.UntilAsync(
                () => Task.FromResult(Failed(up, error) ?? (LoginLine().Match(output.Text) is { Success: true } m ? m.Groups[1].Value : null)),
                UpDeadline, "the 'Dashboard: http://127.0.0.1:PORT/login?t=TOKEN' line");
            Assert.StartsWith($"http://127.0.0.1:{port}/login?t=", login, "the dashboard listens where --dashboard-port says");
            await Poll.UntilAsync(() => Task.FromResult(Failed(up, error) ?? (output.Text.Contains($"bottle {bottle.Plan.Slug} is up", StringComparison.Ordinal) ? "up" : null)),
                UpDeadline, "'up' to report the bottle up");
            StringAssert.Contains(output.Text, "pipelock (Container) Running Healthy", "the terminal view shows the same states");

            using var http = await SignedInClientAsync(login);
            await AssertResourcesUpAsync(http);
            await AssertAuditLinesStreamAsync(http, Path.Combine(bottle.StateDirectory, "audit.jsonl"));
            await AssertAuditVerbAsync(bottle);
            await AssertApplyAsync(bottle);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.AreEqual(ExitCodes.Ok, await up, error.Text);
        }

        StringAssert.Contains(output.Text, $"bottle {bottle.Plan.Slug} is down");
        Assert.AreEqual((0, 0), await bottle.CountLeftoversAsync(), "Ctrl-C on 'up' leaves nothing behind");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task Up_tears_the_bottle_down_and_fails_when_a_container_is_stopped_from_outside()
    {
        await DockerEngine.RequireAsync();
        await using var bottle = await ComposeTestBottle.CreateAsync("upend");
        using var output = new SharedWriter();
        using var error = new SharedWriter();
        using var stop = new CancellationTokenSource();
        var up = BottleCli.RunAsync(
            ["up", bottle.ManifestPath, "--yes", "--no-dashboard", "--sidecar-image", bottle.SidecarImage, "--state-dir", bottle.StateRoot.Path],
            output, error, stop.Token);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(Failed(up, error) ?? (output.Text.Contains($"bottle {bottle.Plan.Slug} is up", StringComparison.Ordinal) ? "up" : null)),
                UpDeadline, "'up' to report the bottle up");

            // What 'bottle down' from another terminal, a crash or 'docker stop' does to one part of the bottle.
            var agent = ComposeServiceNames.ContainerName(bottle.Plan.ComposeProject, ComposeServiceNames.Agent);
            (await DockerCommand.RunAsync("stop", "--time", "1", agent)).EnsureSuccess($"docker stop {agent}");

            var exited = await Task.WhenAny(up, Task.Delay(UpDeadline, TestContext.CancellationToken));
            Assert.AreSame(up, exited, "'up' kept waiting on a bottle that lost its agent");
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.AreEqual(ExitCodes.RuntimeFailure, await up, error.Text);
        StringAssert.Contains(error.Text, "agent is", "the message names the container that ended");
        StringAssert.Contains(output.Text, $"bottle {bottle.Plan.Slug} is down");
        Assert.AreEqual((0, 0), await bottle.CountLeftoversAsync(), "the rest of the bottle is torn down");
    }

    private async Task AssertResourcesUpAsync(HttpClient http)
    {
        using var resources = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/resources", UriKind.Relative), TestContext.CancellationToken));
        var byName = resources.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
        foreach (var sidecar in new[] { "pipelock", "egress", "git-gate" })
        {
            Assert.AreEqual("Running", byName[sidecar].GetProperty("state").GetString(), sidecar);
            Assert.AreEqual("Healthy", byName[sidecar].GetProperty("health").GetString(), sidecar);
        }

        Assert.AreEqual("Running", byName["agent"].GetProperty("state").GetString());
        using var plan = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/plan", UriKind.Relative), TestContext.CancellationToken));
        Assert.AreEqual(byName.Keys.Single(k => k.StartsWith("bottle-", StringComparison.Ordinal)), plan.RootElement.GetProperty("composeProject").GetString(),
            "the Plan page serves the bottle's real plan");
    }

    private async Task AssertAuditLinesStreamAsync(HttpClient http, string auditFile)
    {
        // The stream's headers come with its first event, so the request is sent first and awaited after the lines are written.
        var streaming = http.GetAsync(new Uri("/api/audit/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.CancellationToken);

        // Written the way pipelock writes them: the sidecars' own AuditWriter appending to the bind-mounted file.
        await using (var writer = new AuditWriter(auditFile, null, NullLogger<AuditWriter>.Instance))
        {
            writer.Write(new AuditEvent(DateTimeOffset.UtcNow, "req-allowed", "pipelock", "GET", "api.example.test", 443, "/v1/models", AuditEvent.Allow, null, "api.example.test:443 * /", [], 0, 512, 12));
            writer.Write(new AuditEvent(DateTimeOffset.UtcNow, "req-dlp", "pipelock", "POST", "api.example.test", 443, AuditRedaction.Withheld, AuditEvent.Deny, "dlp_blocked", null, ["aws-access-key-id"], 0, 0, 3));
        }

        using var response = await streaming;
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.CancellationToken));
        var seen = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(Deadline);
        while (!seen.Any(l => l.Contains("\"dlp\"", StringComparison.Ordinal)))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new AssertFailedException("the audit stream ended");
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                seen.Add(line);
            }
        }

        Assert.IsTrue(seen.Any(l => l.Contains("\"decision\":\"allow\"", StringComparison.Ordinal) && l.Contains("/v1/models", StringComparison.Ordinal)), string.Join("\n", seen));
        StringAssert.Contains(seen.Last(), "findings: aws-access-key-id", "the DLP row names the finding");
    }

    private static async Task AssertAuditVerbAsync(ComposeTestBottle bottle)
    {
        var text = await bottle.CliAsync("audit", bottle.Plan.Slug);
        Assert.AreEqual(ExitCodes.Ok, text.ExitCode, text.Error);
        var lines = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines, text.Output);
        StringAssert.Contains(lines[0], "pipelock ALLOW GET api.example.test/v1/models");
        StringAssert.Contains(lines[1], "DLP   POST api.example.test[withheld]  dlp_blocked (findings: aws-access-key-id)");

        var json = await bottle.CliAsync("audit", bottle.Plan.Slug, "--format", "json");
        Assert.AreEqual("req-dlp", JsonDocument.Parse(json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]).RootElement.GetProperty("requestId").GetString());
    }

    private static async Task AssertApplyAsync(ComposeTestBottle bottle)
    {
        var changed = Path.Combine(bottle.Directory, "changed.yaml");
        var original = await File.ReadAllTextAsync(bottle.ManifestPath);
        await File.WriteAllTextAsync(changed, original.Replace(
            "egress:\n  allow:\n", "egress:\n  allow:\n    - host: \"added.example.test\"\n      ports: [443]\n", StringComparison.Ordinal));
        var pipelock = bottle.Plan.ComposeProject + "-pipelock";
        var before = await DockerCommand.RunAsync("inspect", "--format", "{{.State.StartedAt}}", pipelock);
        await bottle.ExecAsync("curl", "-s", "-o", "/dev/null", "https://added.example.test/");
        var auditFile = Path.Combine(bottle.StateDirectory, "audit.jsonl");
        Assert.IsEmpty((await PipelockEventsForAsync(auditFile, "added.example.test")).Where(e => e.Decision == AuditEvent.Allow), "before apply pipelock lets nothing through to the host");

        var (code, output, error) = await bottle.CliAsync("apply", bottle.Plan.Slug, changed);

        Assert.AreEqual(ExitCodes.Ok, code, output + error);
        StringAssert.Contains(output, "pipelock: + rules added.example.test:443 * /");
        StringAssert.Contains(output, "egress: + rules added.example.test:443 * /");
        StringAssert.Contains(output, $"sent SIGHUP to {pipelock}");
        StringAssert.Contains(output, "pipelock: Policy v2 in force: 2 rules", "pipelock's own log confirms the reload");
        var inside = await DockerCommand.RunAsync("exec", pipelock, "cat", "/etc/bottle/config/pipelock.yaml");
        StringAssert.Contains(inside.StdOut, "added.example.test", "the running container sees the file renamed into place");
        var after = await DockerCommand.RunAsync("inspect", "--format", "{{.State.Running}} {{.State.StartedAt}}", pipelock);
        Assert.AreEqual($"true {before.StdOut.Trim()}", after.StdOut.Trim(), "pipelock took the signal without restarting");

        // The running pipelock now judges by the new list: the same request is no longer refused for its host.
        await bottle.ExecAsync("curl", "-s", "-o", "/dev/null", "https://added.example.test/");
        var judged = await Poll.UntilAsync(
            async () => (await PipelockEventsForAsync(auditFile, "added.example.test")).LastOrDefault(e => e.Decision == AuditEvent.Allow),
            Deadline, "pipelock's audit line allowing added.example.test after apply");
        Assert.AreEqual("added.example.test:443 * /", judged.Rule, "the new rule is the one that let it through");

        var again = await bottle.CliAsync("apply", bottle.Plan.Slug, changed);
        Assert.AreEqual(ExitCodes.Ok, again.ExitCode, again.Error);
        StringAssert.Contains(again.Output, "nothing to apply");

        var other = Path.Combine(bottle.Directory, "other.yaml");
        await File.WriteAllTextAsync(other, original.Replace($"name: {bottle.Plan.Name}", $"name: {bottle.Plan.Name}-x", StringComparison.Ordinal));
        var refused = await bottle.CliAsync("apply", bottle.Plan.Slug, other);
        Assert.AreEqual(ExitCodes.UsageError, refused.ExitCode, refused.Output + refused.Error);
        StringAssert.Contains(refused.Error, $"but the running bottle is '{bottle.Plan.Slug}'");
        var unchanged = await DockerCommand.RunAsync("exec", pipelock, "cat", "/etc/bottle/config/pipelock.yaml");
        Assert.AreEqual(inside.StdOut, unchanged.StdOut, "a refused apply writes nothing");
    }

    private static async Task<List<AuditEvent>> PipelockEventsForAsync(string auditFile, string host)
    {
        var reader = new AuditFileReader(auditFile, TimeProvider.System, NullLogger<AuditFileReader>.Instance);
        var events = new List<AuditEvent>();
        await foreach (var e in reader.ReadAsync(follow: false))
        {
            if (e.Sidecar == "pipelock" && e.Host == host)
            {
                events.Add(e);
            }
        }

        return events;
    }

    private static async Task<HttpClient> SignedInClientAsync(string login)
    {
        var loginUri = new Uri(login);
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(loginUri.GetLeftPart(UriPartial.Authority)),
        };
        using var response = await http.GetAsync(loginUri);
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, "the printed link signs in");
        return http;
    }

    private static string? Failed(Task<int> up, SharedWriter error) =>
        up.IsCompleted ? throw new AssertFailedException($"'up' ended early with {up.Result}: {error.Text}") : null;

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Dashboard: (http://127\.0\.0\.1:\d+/login\?t=[A-Za-z0-9_-]+)")]
    private static partial Regex LoginLine();
}

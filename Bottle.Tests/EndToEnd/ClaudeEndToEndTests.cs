using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Net;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.AppHost.Testing;
using Bottle.Tests.EndToEnd.StandIns;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// Claude Code in the implementer bottle (<c>bottles/implementer.yaml</c>), end to end with real parts: the Claude agent
/// image, the real sidecars, and a stand-in Anthropic API answering to <c>api.anthropic.com</c> on a network only egress
/// joins. The agent holds the credential's placeholder; egress swaps in the real (test-generated) key for the API's host
/// alone. Claude Code runs headless (<c>claude -p</c>) once for the class; the tests read what the stand-in recorded,
/// the audit log and the agent's environment.
/// </summary>
[TestClass]
[DoNotParallelize]
[UnsupportedOSPlatform("windows")]
public sealed class ClaudeEndToEndTests
{
    // implementer.yaml's credential source (env: ANTHROPIC_API_KEY), given through BottleTesting, not this process's environment.
    private const string KeyVariable = "ANTHROPIC_API_KEY";
    private static readonly TimeSpan AuditDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ClaudeDeadline = TimeSpan.FromMinutes(3);

    // Shaped like a real key (sk-ant-api03-, 93 characters, AA), so the DLP rules for Anthropic keys see it as one.
    private static readonly string RealKey = $"sk-ant-api03-{RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 93)}AA";

    // Runs `claude -p` and, while it runs, copies its own /proc environ and command line (Claude Code is timeout's
    // child; a process still inside execve shows an empty environ, hence the retry until it shows one).
    private static readonly string ClaudeScript = $$"""
        timeout {{ClaudeDeadline.TotalSeconds:F0}} claude -p 'say hi' > /tmp/claude.out 2> /tmp/claude.err & t=$!
        until grep -qs '^ANTHROPIC_API_KEY=' /tmp/claude.environ || ! kill -0 $t 2>/dev/null; do
          for k in $(cat /proc/$t/task/*/children 2>/dev/null); do
            tr '\0' ' ' < /proc/$k/cmdline > /tmp/claude.cmdline 2>/dev/null
            tr '\0' '\n' < /proc/$k/environ > /tmp/claude.environ 2>/dev/null
          done
          sleep 0.1
        done
        wait $t; code=$?
        cat /tmp/claude.out; cat /tmp/claude.err >&2; exit $code
        """;

    private static TestHttpsUpstream? upstream;
    private static RunningBottle? bottle;
    private static BottleExecResult? claudeRun;

    private static RunningBottle Bottle => bottle ?? throw new InvalidOperationException("the class bottle did not start");

    private static BottleExecResult ClaudeRun => claudeRun ?? throw new InvalidOperationException("claude -p did not run");

    private static string Placeholder => Bottle.Plan.Credentials.Single(c => c.Name == "anthropic").Placeholder
        ?? throw new InvalidOperationException("the anthropic credential has no placeholder");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claudeImage = (await BottleImages.ClaudeAsync()).Image;
        var sidecarImage = await BottleImages.SidecarsAsync();
        upstream = await TestHttpsUpstream.StartAsync(AnthropicStandIn.Image, AnthropicStandIn.Host);

        // The shipped bottles/implementer.yaml (its agent env, api.anthropic.com rule, DLP and anthropic credential), with
        // what this machine cannot have taken out: the GitHub remote and its key, and the clone of it. The agent idles
        // (the image's command) so the test can run Claude Code itself. The CIDR rule lets egress dial the stand-in's
        // private address; the agent's requests match the manifest's own name rule.
        var options = new BottleTestingOptions
        {
            SidecarImage = sidecarImage,
            Progress = Console.WriteLine,
            ConfigureManifest = manifest => manifest with
            {
                Agent = manifest.Agent with { Image = claudeImage, Command = [], Workspace = null },
                Egress = manifest.Egress with
                {
                    ExtraCa = upstream.CaFile,
                    Allow = [.. manifest.Egress.Allow, new EgressRule(null, IPNetwork.Parse(upstream.Subnet), [443], [], [], null)],
                },
                GitRemotes = [],
                Credentials = [.. manifest.Credentials.Where(c => c.Name == "anthropic")],
            },
        };
        options.CredentialEnvironment[KeyVariable] = RealKey;
        bottle = await BottleTesting.StartAsync(Path.Combine(BottleImages.RepositoryRoot, "bottles", "implementer.yaml"), options, context.CancellationToken);
        await upstream.ConnectAsync(ComposeServiceNames.ContainerName(bottle.Plan.ComposeProject, "egress"));

        // Claude Code headless, as an implementer would run it, bounded by timeout(1) in the agent.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(ClaudeDeadline + TimeSpan.FromSeconds(30));
        claudeRun = await bottle.ExecAsync(ClaudeScript, deadline.Token);
        Console.WriteLine($"claude -p exited {claudeRun.ExitCode}\nstdout:\n{claudeRun.StdOut}\nstderr:\n{claudeRun.StdErr}");
    }

    [ClassCleanup]
    public static Task StopAsync() => ClassResources.ReleaseAsync(null, bottle, upstream);

    [TestMethod]
    public async Task Claude_version_runs_in_the_bottle_and_prints_the_pinned_version()
    {
        var version = await Bottle.ExecAsync("claude --version", TestContext.CancellationToken);

        Assert.AreEqual(0, version.ExitCode, version.StdErr);
        StringAssert.StartsWith(version.StdOut.Trim(), $"{ImageBuilderContexts.ClaudeCodeVersion} (Claude Code)");
    }

    [TestMethod]
    public void Claude_prints_the_stand_ins_answer()
    {
        Assert.AreEqual(0, ClaudeRun.ExitCode, $"claude -p failed:\n{ClaudeRun.StdOut}\n{ClaudeRun.StdErr}");
        Assert.AreEqual(AnthropicStandIn.Reply, ClaudeRun.StdOut.Trim());
    }

    [TestMethod]
    public async Task The_stand_in_received_the_messages_request_with_the_real_key_and_never_the_placeholder()
    {
        var requests = await AnthropicStandIn.ReadRequestsAsync(upstream!, TestContext.CancellationToken);

        var messages = requests.Where(r => r.Method == "POST" && r.Path.Split('?')[0] == "/v1/messages").ToList();
        Assert.IsNotEmpty(messages, $"no POST /v1/messages reached the stand-in; it saw: {Describe(requests)}");
        foreach (var request in messages)
        {
            CollectionAssert.AreEqual(new[] { RealKey }, request.HeaderValues("x-api-key").ToArray(), "x-api-key as the stand-in received it");
            Assert.AreEqual(AnthropicStandIn.Host, request.HeaderValues("Host").Single());
            StringAssert.Contains(request.Body, "say hi");
        }

        // The swap happened on every request that arrived, and nothing else of the bottle's leaked into one.
        foreach (var request in requests)
        {
            Assert.IsFalse(request.Headers.Any(h => h.Value.Contains(Placeholder, StringComparison.Ordinal)), $"{request.Method} {request.Path} carried the placeholder");
            Assert.DoesNotContain(Placeholder, request.Body, $"{request.Method} {request.Path} body");
        }
    }

    [TestMethod]
    public async Task Claude_codes_other_calls_outside_the_manifests_paths_never_reached_the_stand_in()
    {
        // implementer.yaml allows api.anthropic.com under /v1/ only: Claude Code's start-up calls under /api/ are
        // denied by pipelock (the run above still succeeded) and so never arrive.
        var requests = await AnthropicStandIn.ReadRequestsAsync(upstream!, TestContext.CancellationToken);
        Assert.IsTrue(requests.All(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), $"the stand-in saw: {Describe(requests)}");

        var deniedApi = await WaitForAuditAsync(
            e => e.Sidecar == "pipelock" && e.IsDenied && e.Host == AnthropicStandIn.Host && e.Path?.StartsWith("/api/", StringComparison.Ordinal) == true,
            "pipelock denying one of Claude Code's /api/ calls");
        Assert.AreEqual("path-not-allowed", deniedApi.Reason);
        var denied = (await Bottle.GetAuditEventsAsync(TestContext.CancellationToken)).Where(e => e.IsDenied).ToList();
        Console.WriteLine($"denied during the run: {string.Join("; ", denied.Select(e => $"{e.Sidecar}: {e.Method} {e.Host}{e.Path} ({e.Reason})"))}");
    }

    [TestMethod]
    public async Task The_request_went_by_name_through_pipelock_and_egress_which_injected_the_credential()
    {
        // pipelock's path keeps the query's names (values redacted): /v1/messages?beta=
        var pipelock = await WaitForAuditAsync(
            e => e.Sidecar == "pipelock" && e.Decision == "allow" && e.Host == AnthropicStandIn.Host && PathOf(e) == "/v1/messages", "pipelock allowing POST /v1/messages");
        var egress = await WaitForAuditAsync(
            e => e.Sidecar == "egress" && e.Decision == "allow" && e.Host == AnthropicStandIn.Host && PathOf(e) == "/v1/messages", "egress allowing POST /v1/messages");

        Assert.AreEqual("POST", pipelock.Method);
        Assert.AreEqual("POST", egress.Method);
        Assert.AreEqual("anthropic", string.Join(",", egress.Raw.GetProperty("credentials").EnumerateArray().Select(c => c.GetString())), "credentials egress injected");
        Assert.AreEqual(200, egress.Raw.GetProperty("upstreamStatus").GetInt32());

        // By name: egress resolved api.anthropic.com itself and dialled the stand-in's address on its own network.
        var dialled = egress.Raw.GetProperty("upstreamAddress").GetString()!;
        var prefix = upstream!.Subnet[..upstream.Subnet.LastIndexOf('.')];
        StringAssert.StartsWith(dialled, prefix + ".");
        Assert.DoesNotContain(RealKey, await File.ReadAllTextAsync(Bottle.AuditLogPath, TestContext.CancellationToken), "the audit must not hold the key");
    }

    [TestMethod]
    public async Task The_agents_environment_held_only_the_placeholder_never_the_real_key()
    {
        // Claude Code's own environment, captured while it ran.
        var claudeCommand = await Bottle.ExecAsync("cat /tmp/claude.cmdline", TestContext.CancellationToken);
        Assert.AreEqual("claude -p say hi", claudeCommand.StdOut.Trim(), "positive control: the captured process is Claude Code");
        var claudeEnvironment = await Bottle.ExecAsync("cat /tmp/claude.environ", TestContext.CancellationToken);
        Assert.AreEqual(0, claudeEnvironment.ExitCode, claudeEnvironment.StdErr);
        CollectionAssert.Contains(claudeEnvironment.StdOut.Split('\n'), $"ANTHROPIC_API_KEY={Placeholder}", "positive control: the capture is Claude Code's environment");
        Assert.DoesNotContain(RealKey, claudeEnvironment.StdOut, "Claude Code's environment");

        // Every process's environment in the agent now, `env` through the shim, and what Claude Code wrote to disk.
        var env = await Bottle.ExecAsync("env", TestContext.CancellationToken);
        StringAssert.Contains(env.StdOut, $"ANTHROPIC_API_KEY={Placeholder}");
        Assert.DoesNotContain(RealKey, env.StdOut, "env in the agent");
        var processes = await Bottle.ExecAsync("for p in /proc/[0-9]*; do tr '\\0' '\\n' < $p/environ 2>/dev/null; done", TestContext.CancellationToken);
        Assert.AreEqual(0, processes.ExitCode, processes.StdErr);
        Assert.DoesNotContain(RealKey, processes.StdOut, "/proc/*/environ in the agent");
        var files = await Bottle.ExecAsync($"grep -rlsF -- '{RealKey}' \"$HOME\" /tmp /workspace; echo searched", TestContext.CancellationToken);
        Assert.AreEqual("searched", files.StdOut.Trim(), "files Claude Code wrote (home, /tmp, workspace) hold the key");
    }

    private static string? PathOf(BottleAuditEvent auditEvent) => auditEvent.Path?.Split('?')[0];

    /// <summary>The first audit event <paramref name="predicate"/> accepts, or a failure naming what was awaited and what was seen.</summary>
    private async Task<BottleAuditEvent> WaitForAuditAsync(Func<BottleAuditEvent, bool> predicate, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        deadline.CancelAfter(AuditDeadline);
        try
        {
            return await Bottle.WaitForAuditEventAsync(predicate, deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.CancellationToken.IsCancellationRequested)
        {
            var seen = await Bottle.GetAuditEventsAsync(TestContext.CancellationToken);
            Assert.Fail($"no audit event for {what} within {AuditDeadline.TotalSeconds:F0} s; seen: {string.Join("; ", seen.Select(e => $"{e.Sidecar} {e.Decision} {e.Method} {e.Host}{e.Path}"))}");
            throw;
        }
    }

    private static string Describe(IEnumerable<RecordedRequest> requests) =>
        string.Join("; ", requests.Select(r => $"{r.Method} {r.Path}"));
}

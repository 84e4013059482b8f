using Bottle.AppHost.Runtimes.Compose;
using Bottle.AppHost.Testing;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// The agent's HTTPS, end to end, in a real bottle started with <see cref="BottleTesting"/>: curl in the agent ->
/// pipelock (TLS intercepted with the bottle CA, which the shim made trusted system-wide) -> egress (upstream TLS
/// validated against the test CA of the manifest's <c>egress.extraCa</c>) -> a real HTTPS server on a network only
/// egress is connected to. Attacks pass only when they fail.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class EgressEndToEndTests
{
    private const string AllowedHost = "api.e2e.test";
    private const string DeniedHost = "denied.e2e.test";

    // An AWS access key id that looks real (not the documentation example, which DLP may let through).
    private const string FakeAwsKey = "AKIAQ7ZB4K2M9XH3TV6P";

    private static TestHttpsUpstream? upstream;
    private static RunningBottle? bottle;
    private static string? manifestDirectory;

    private static RunningBottle Bottle => bottle ?? throw new InvalidOperationException("the class bottle did not start");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agentImage = await BottleImages.AgentAsync();
        var sidecarImage = await BottleImages.SidecarsAsync();
        upstream = await TestHttpsUpstream.StartAsync(AllowedHost, DeniedHost);
        manifestDirectory = Directory.CreateTempSubdirectory("bottle-e2e-").FullName;
        var manifest = Path.Combine(manifestDirectory, "e2e.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            name: e2e
            agent:
              image: {agentImage}
            egress:
              extraCa: {upstream.CaFile}
              allow:
                - host: {AllowedHost}
                  ports: [443]
                - cidr: {upstream.Subnet}
                  ports: [443]
            dlp:
              mode: block
            """, context.CancellationToken);
        bottle = await BottleTesting.StartAsync(manifest, new BottleTestingOptions { SidecarImage = sidecarImage, Progress = Console.WriteLine }, context.CancellationToken);
        await upstream.ConnectAsync(ComposeServiceNames.ContainerName(bottle.Plan.ComposeProject, "egress"));
    }

    [ClassCleanup]
    public static Task StopAsync() => ClassResources.ReleaseAsync(manifestDirectory, bottle, upstream);

    [TestMethod]
    public async Task Allowed_host_answers_through_pipelock_and_egress_with_the_bottle_ca_trusted_system_wide()
    {
        // No -k, no --cacert: the system store and the shim's bundle are all curl has.
        var get = await Bottle.ExecAsync($"curl --silent --show-error --fail https://{AllowedHost}/", TestContext.CancellationToken);

        Assert.AreEqual(0, get.ExitCode, get.StdErr);
        StringAssert.Contains(get.StdOut, "s_server");

        // The certificate the agent saw is the bottle's, not the upstream's: pipelock intercepted the TLS.
        var issuer = await Bottle.ExecAsync(
            $"curl --silent --output /dev/null --write-out '%{{certs}}' https://{AllowedHost}/ | grep -m1 '^Issuer:'", TestContext.CancellationToken);
        Assert.AreEqual(0, issuer.ExitCode, issuer.StdErr);
        StringAssert.Contains(issuer.StdOut, "Issuer:");
        Assert.DoesNotContain("End-to-End Test CA", issuer.StdOut);
    }

    [TestMethod]
    public async Task Host_the_manifest_does_not_allow_is_denied_with_bottles_reason_visible_to_the_client()
    {
        // The same server answers to both names: only the policy stands between the agent and this one.
        var get = await Bottle.ExecAsync($"curl --silent --show-error --include https://{DeniedHost}/", TestContext.CancellationToken);

        Assert.AreNotEqual(0, get.ExitCode);
        Assert.DoesNotContain("s_server", get.StdOut, "the request reached the upstream");
        StringAssert.Contains(get.StdOut, "HTTP/1.1 403 Forbidden");
        StringAssert.Contains(get.StdOut, "X-Bottle-Deny-Reason: host-not-allowed");
    }

    [TestMethod]
    public async Task Request_carrying_a_fake_aws_key_is_blocked_with_the_reason_and_without_echoing_the_key()
    {
        var post = await Bottle.ExecAsync(
            $"curl --silent --show-error --include --data 'aws_access_key_id={FakeAwsKey}' https://{AllowedHost}/upload", TestContext.CancellationToken);

        Assert.DoesNotContain("s_server", post.StdOut, "the secret reached the upstream");
        StringAssert.Contains(post.StdOut, "X-Bottle-Deny-Reason: dlp-finding");
        StringAssert.Contains(post.StdOut, "\"blocked\":true");
        Assert.DoesNotContain(FakeAwsKey, post.StdOut + post.StdErr, "the deny must not echo the secret");
    }

    [TestMethod]
    public async Task Audit_log_shows_the_allowed_request_the_denied_host_and_the_dlp_block()
    {
        await Bottle.ExecAsync($"curl --silent https://{AllowedHost}/ https://{DeniedHost}/", TestContext.CancellationToken);
        await Bottle.ExecAsync($"curl --silent --data 'aws_access_key_id={FakeAwsKey}' https://{AllowedHost}/upload", TestContext.CancellationToken);

        var allowed = await Bottle.WaitForAuditEventAsync(e => e.Host == AllowedHost && e.Decision == "allow", TestContext.CancellationToken);
        var denied = await Bottle.WaitForAuditEventAsync(e => e.Host == DeniedHost && e.IsDenied, TestContext.CancellationToken);
        var blocked = await Bottle.WaitForAuditEventAsync(e => e.Host == AllowedHost && e.Reason == "dlp-finding", TestContext.CancellationToken);

        Assert.AreEqual("pipelock", allowed.Sidecar);
        Assert.AreEqual("host-not-allowed", denied.Reason);
        Assert.IsTrue(blocked.IsDenied);
        Assert.DoesNotContain(FakeAwsKey, await File.ReadAllTextAsync(Bottle.AuditLogPath, TestContext.CancellationToken), "the audit must not hold the secret");
    }
}

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
    public static async Task StopAsync()
    {
        if (bottle is not null)
        {
            await bottle.DisposeAsync();
        }

        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }

        if (manifestDirectory is not null)
        {
            Directory.Delete(manifestDirectory, recursive: true);
        }
    }

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
        Assert.DoesNotContain("End-to-End Test CA", issuer.StdOut);
        var allowed = await Bottle.WaitForAuditEventAsync(e => e.Host == AllowedHost && e.Decision == "allow", TestContext.CancellationToken);
        Assert.IsFalse(allowed.IsDenied);
    }

    [TestMethod]
    public async Task Host_the_manifest_does_not_allow_is_denied_with_bottles_reason_visible_to_the_client()
    {
        // Control: the denied host is really there (the same server answers to both names).
        var get = await Bottle.ExecAsync($"curl --silent --show-error --include https://{DeniedHost}/", TestContext.CancellationToken);

        Assert.DoesNotContain("s_server", get.StdOut, "the request reached the upstream");
        Console.WriteLine($"exit {get.ExitCode}\nstdout: {get.StdOut}\nstderr: {get.StdErr}");
        var denied = await Bottle.WaitForAuditEventAsync(e => e.Host == DeniedHost && e.IsDenied, TestContext.CancellationToken);
        Assert.IsNotNull(denied.Reason);
        StringAssert.Contains(get.StdOut + get.StdErr, denied.Reason, "the client did not see Bottle's deny reason");
    }

    [TestMethod]
    public async Task Request_carrying_a_fake_aws_key_is_blocked_and_audited()
    {
        var post = await Bottle.ExecAsync(
            $"curl --silent --show-error --include --data 'aws_access_key_id={FakeAwsKey}' https://{AllowedHost}/upload", TestContext.CancellationToken);

        Assert.DoesNotContain("s_server", post.StdOut, "the secret reached the upstream");
        Console.WriteLine($"exit {post.ExitCode}\nstdout: {post.StdOut}\nstderr: {post.StdErr}");
        var blocked = await Bottle.WaitForAuditEventAsync(e => e.Host == AllowedHost && e.IsDenied, TestContext.CancellationToken);
        Assert.DoesNotContain(FakeAwsKey, blocked.Raw.GetRawText(), "the audit must not hold the secret");
        StringAssert.Contains(post.StdOut, blocked.Reason!);
    }
}

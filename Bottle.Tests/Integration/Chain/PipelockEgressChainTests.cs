using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Proxy;
using Bottle.Sidecars.Tls;
using Bottle.Tests.Integration.Egress;
using Bottle.Tests.Integration.Pipelock;
using Microsoft.Extensions.Logging.Abstractions;
using EgressTestUpstream = Bottle.Tests.Integration.Egress.TestUpstream;

namespace Bottle.Tests.Integration.Chain;

/// <summary>
/// The whole way out, in-process on loopback: HttpClient (proxy = pipelock, trusting only the bottle CA) -> pipelock
/// (policy, DLP) -> <see cref="EgressUpstreamConnector"/> -> egress (credential injection, upstream TLS against its
/// own test CA) -> local Kestrel "APIs" that egress reaches by name through a static resolver.
/// </summary>
[TestClass]
public sealed class PipelockEgressChainTests
{
    private const string RealKey = "sk-real-7d2e9b4c1a6f4e3d8c0b5a9f2e1d4c3b";
    private static readonly IPAddress ApiAddress = IPAddress.Parse("127.0.0.30");
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.31");
    private static readonly string Placeholder = CredentialPlaceholder.Create("chain", "anthropic");

    private static TestCertificateAuthority upstreamCa = null!;
    private static EgressTestUpstream api = null!;
    private static EgressTestUpstream other = null!;
    private static EgressHarness egress = null!;
    private static EgressUpstreamConnector connector = null!;
    private static PipelockServer pipelock = null!;
    private static X509Certificate2 bottleCa = null!;
    private static string directory = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        directory = Directory.CreateTempSubdirectory("chain-").FullName;
        upstreamCa = new TestCertificateAuthority();
        api = await EgressTestUpstream.StartAsync(ApiAddress, new Dictionary<string, X509Certificate2> { ["api.test"] = upstreamCa.IssueServer("api.test") });
        other = await EgressTestUpstream.StartAsync(OtherAddress, new Dictionary<string, X509Certificate2> { ["other.test"] = upstreamCa.IssueServer("other.test") });
        var rules = new[]
        {
            TestRules.Host("api.test", [api.Port], credential: "anthropic"),
            TestRules.Host("other.test", [other.Port]),
        };

        // egress serves pipelock at 127.0.0.1 (where the connector dials from) and holds the real key.
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { ["api.test"] = [ApiAddress], ["other.test"] = [OtherAddress] });
        egress = await EgressHarness.StartAsync(
            EgressHarness.Options([.. rules, EgressHarness.LoopbackCidrRule]) with
            {
                PipelockSources = [IPAddress.Loopback],
                GitGateSources = [],
                CredentialsFile = EgressHarness.WriteCredentials(new Dictionary<string, string> { ["anthropic"] = RealKey }),
                Bindings = [new CredentialBinding(Placeholder, "anthropic", [Sidecars.Policy.HostPattern.Parse("api.test")], "x-api-key")],
                ExtraCaFile = upstreamCa.WritePemFile(),
            },
            resolver);

        // pipelock with the same rules and DLP on, chained to egress; it knows no binding, so egress alone polices the placeholder here.
        using (CertificateAuthority.Create(Path.Combine(directory, "bottle"), TimeProvider.System))
        {
        }

        var config = PipelockTestEnvironment.CreateConfig(directory, rules) with { Upstream = $"http://{egress.EndPoint}" };
        File.WriteAllText(Path.Combine(directory, "pipelock.yaml"), SidecarConfigJson.Serialize(config));
        connector = EgressUpstreamConnector.FromUrl(config.Upstream);
        pipelock = new PipelockServer(
            new PipelockOptions
            {
                ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                ConfigPath = Path.Combine(directory, "pipelock.yaml"),
                CaCertificatePath = config.CaCertificatePath,
                CaKeyPath = config.CaKeyPath,
                AuditPath = config.AuditPath,
                AuditToStdout = false,
            },
            connector,
            new DlpRequestInspector(NullLogger<DlpRequestInspector>.Instance),
            NullLoggerFactory.Instance);
        await pipelock.StartAsync(CancellationToken.None);
        bottleCa = X509CertificateLoader.LoadCertificateFromFile(config.CaCertificatePath);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await pipelock.DisposeAsync();
        await connector.DisposeAsync();
        await egress.DisposeAsync();
        await api.DisposeAsync();
        await other.DisposeAsync();
        upstreamCa.Dispose();
        bottleCa.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public async Task The_upstream_receives_the_real_key_while_the_client_only_ever_sent_the_placeholder()
    {
        using var client = CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://api.test:{api.Port}/v1/messages") { Content = new StringContent($"{{\"marker\":\"{marker}\"}}") };
        request.Headers.Add("x-api-key", Placeholder);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        StringAssert.Contains(body, "\"ok\":true");
        var received = api.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.AreEqual(RealKey, received.Headers["x-api-key"]);
        Assert.IsFalse(body.Contains(RealKey, StringComparison.Ordinal));
        var line = await egress.AuditForAsync(e => e.Host == "api.test" && e.Decision == "allow" && e.Path == "/v1/messages");
        Assert.AreEqual("anthropic", line.Credentials!.Single());
    }

    [TestMethod]
    public async Task Keep_alive_requests_reuse_the_link_to_egress()
    {
        using var client = CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual("{\"ok\":true}", await client.GetStringAsync($"https://api.test:{api.Port}/v1/models"));
        }

        Assert.IsTrue(egress.Server.Metrics.Snapshot().ConnectionsAccepted < 5, "pooled links carry several requests");
    }

    [TestMethod]
    public async Task The_same_placeholder_to_another_allowed_host_is_blocked()
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://other.test:{other.Port}/v1/models");
        request.Headers.Add("x-api-key", Placeholder);

        using var response = await client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("egress", response.Headers.GetValues("X-Bottle-Blocked-By").Single());
        Assert.IsFalse(other.Requests.Any(r => r.Headers.Values.Any(v => v.Contains(Placeholder, StringComparison.OrdinalIgnoreCase) || v.Contains(RealKey, StringComparison.Ordinal))));
    }

    [TestMethod]
    public async Task A_fake_aws_key_in_the_body_is_stopped_by_pipelock_before_egress_sees_anything()
    {
        using var client = CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        var key = "AKIA" + new string([.. RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://api.test:{api.Port}/v1/messages?m={marker}") { Content = new StringContent($"{{\"key\":\"{key}\"}}") };

        var before = egress.Logs.Lines.Count;
        using var response = await client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.IsFalse(egress.Logs.Lines.Skip(before).Any(l => l.Contains("ended", StringComparison.Ordinal)), "egress saw no request to abort");
        Assert.AreEqual("dlp-finding", response.Headers.GetValues("X-Bottle-Deny-Reason").Single());
        // A later request's line proves egress's audit is flowing; none of its lines is this request.
        Assert.AreEqual("{\"ok\":true}", await client.GetStringAsync($"https://api.test:{api.Port}/v1/models"));
        await egress.AuditForAsync(e => e.Path == "/v1/models");
        Assert.IsFalse(egress.Audit.Lines.Any(l => l.Contains(marker, StringComparison.Ordinal) || l.Contains(key, StringComparison.Ordinal)));
        Assert.IsFalse(egress.Audit.Events.Any(e => e.Method == "POST" && e.Path == "/v1/messages" && e.Decision != "allow" && e.Reason is not null && e.Reason.Contains(marker, StringComparison.Ordinal)));
        Assert.IsFalse(api.Requests.Any(r => r.Body.Contains(key, StringComparison.Ordinal)));
    }

    private static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        Proxy = new WebProxy(new Uri($"http://127.0.0.1:{pipelock.EndPoint.Port}")),
        UseProxy = true,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustsBottleCa },
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static bool TrustsBottleCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        PipelockTestEnvironment.TrustsOnly(bottleCa, certificate, errors);
}

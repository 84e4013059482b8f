using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Proxy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>The real DLP engine behind pipelock's inspector seam, attacked through the real proxy.</summary>
[TestClass]
public sealed class DlpProxyTests
{
    private const string Host = PipelockTestEnvironment.Host;
    private const string OtherHost = PipelockTestEnvironment.OtherHost;

    private static readonly IReadOnlyList<EgressRule> Rules =
        [TestRules.Host(Host, [443], ["GET", "POST"], ["/v1/"]), TestRules.Host(OtherHost, [443], ["GET", "POST"], ["/v1/"])];

    private static readonly string[] WarnedRules = ["aws-access-key-id", "github-pat"];

    private static readonly string[] WarnThenAllow = ["warn", "allow"];

    /// <summary>A fresh AWS-access-key-shaped value per test run (random, never a real key).</summary>
    private static readonly string AwsKey = "AKIA" + new string([.. RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)]);

    [TestMethod]
    public async Task A_key_in_the_url_is_denied_before_the_upstream_with_a_redacted_hint()
    {
        await using var env = await StartAsync();
        using var client = env.CreateClient();

        using var response = await client.GetAsync($"https://{Host}/v1/hello?aws_access_key_id={AwsKey}");

        await AssertDeniedAsync(response, "aws-access-key-id", "url");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task A_key_in_a_header_is_denied_before_the_upstream()
    {
        await using var env = await StartAsync();
        using var client = env.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{Host}/v1/hello");
        request.Headers.Add("X-Aws-Key", AwsKey);

        using var response = await client.SendAsync(request);

        await AssertDeniedAsync(response, "aws-access-key-id", "header");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    [DataRow("plain")]
    [DataRow("base64")]
    [DataRow("gzip")]
    public async Task A_key_in_the_body_is_denied_and_never_reaches_the_upstream(string shape)
    {
        await using var env = await StartAsync();
        using var client = env.CreateClient();
        var text = Encoding.ASCII.GetBytes($"{{\"note\":\"{new string('x', 200_000)}\",\"key\":\"{AwsKey}\"}}");
        HttpContent content = shape switch
        {
            "plain" => new ByteArrayContent(text),
            "base64" => new StringContent($"{{\"blob\":\"{Convert.ToBase64String(Encoding.ASCII.GetBytes($"aws key {AwsKey} for the bucket"))}\"}}"),
            _ => Gzip(text),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/upload") { Content = content };
        request.Headers.Add("X-Test-Id", shape);

        using var response = await client.SendAsync(request);

        await AssertDeniedAsync(response, "aws-access-key-id", "body");
        Assert.IsFalse(Received(env, shape).Contains(AwsKey, StringComparison.Ordinal), "the upstream never holds the key");
    }

    [TestMethod]
    public async Task A_body_over_the_cap_is_denied_unless_its_host_is_exempt()
    {
        var dlp = DlpSettings.Default with { MaxBodyBytes = 64 * 1024, ExemptHosts = [HostPattern.Parse(OtherHost)] };
        await using var env = await StartAsync(dlp);
        using var client = env.CreateClient();
        var payload = RandomNumberGenerator.GetBytes(300 * 1024);

        using var capped = await client.PostAsync($"https://{Host}/v1/upload", new ByteArrayContent(payload));
        using var exempt = await client.PostAsync($"https://{OtherHost}/v1/upload", new ByteArrayContent(payload));

        Assert.AreEqual(HttpStatusCode.Forbidden, capped.StatusCode);
        var deny = JsonDocument.Parse(await capped.Content.ReadAsStringAsync()).RootElement;
        Assert.AreEqual(DlpRequestInspector.BodyOverCapRule, deny.GetProperty("rule").GetString());
        StringAssert.Contains(deny.GetProperty("hint").GetString(), "larger than the DLP cap of 65536 bytes");
        Assert.AreEqual(HttpStatusCode.OK, exempt.StatusCode, "an exempt host takes large bodies");
    }

    [TestMethod]
    [DataRow(DlpMode.Warn, "warn")]
    [DataRow(DlpMode.Audit, "allow")]
    public async Task Warn_and_audit_modes_let_the_request_through_and_audit_the_finding(DlpMode mode, string decision)
    {
        var env = await StartAsync(DlpSettings.Default with { Mode = mode });
        await using (env)
        {
            using var client = env.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/upload") { Content = new StringContent($"key={AwsKey}") };
            request.Headers.Add("X-Test-Id", "passed");

            using var response = await client.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual($"key={AwsKey}", Received(env, "passed"), "the body went through whole");
            // Warn mode tells the agent which rules fired (never the secret); audit mode only writes the log.
            var warning = response.Headers.TryGetValues(ProxyHeaders.DlpWarning, out var values) ? values.Single() : null;
            Assert.AreEqual(mode == DlpMode.Warn ? "aws-access-key-id" : null, warning);
            var lines = await env.StopAndReadAuditAsync();
            Assert.IsFalse(string.Join('\n', lines).Contains(AwsKey, StringComparison.Ordinal), "the audit log never holds the key");
            var passed = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("method").GetString() == "POST");
            Assert.AreEqual(decision, passed.GetProperty("decision").GetString());
            StringAssert.StartsWith(passed.GetProperty("findingIds")[0].GetString(), "aws-access-key-id:");
        }
    }

    [TestMethod]
    public async Task Warn_mode_names_every_rule_that_fired_and_keeps_the_connection_for_a_clean_request()
    {
        var env = await StartAsync(DlpSettings.Default with { Mode = DlpMode.Warn });
        await using (env)
        {
            using var client = env.CreateClient();
            using var flagged = new HttpRequestMessage(HttpMethod.Get, $"https://{Host}/v1/hello?aws_access_key_id={AwsKey}");
            flagged.Headers.Add("Authorization", "token ghp_" + new string([.. RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36)]));

            using var warned = await client.SendAsync(flagged);
            using var clean = await client.GetAsync($"https://{Host}/v1/hello");

            Assert.AreEqual(HttpStatusCode.OK, warned.StatusCode);
            var rules = warned.Headers.GetValues(ProxyHeaders.DlpWarning).Single().Split(", ");
            CollectionAssert.IsSubsetOf(WarnedRules, rules);
            CollectionAssert.AllItemsAreUnique(rules);
            Assert.IsFalse(warned.Headers.GetValues(ProxyHeaders.DlpWarning).Single().Contains(AwsKey, StringComparison.Ordinal));
            Assert.AreEqual(HttpStatusCode.OK, clean.StatusCode);
            Assert.IsFalse(clean.Headers.Contains(ProxyHeaders.DlpWarning), "a clean request carries no warning");
            var decisions = (await env.StopAndReadAuditAsync()).Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("method").GetString() == "GET").Select(e => e.GetProperty("decision").GetString()).ToList();
            CollectionAssert.AreEqual(WarnThenAllow, decisions);
        }
    }

    [TestMethod]
    public async Task A_placeholder_headed_to_a_host_outside_its_binding_is_denied()
    {
        var placeholder = CredentialPlaceholder.Create("test", "api-token");
        var binding = new PlaceholderBinding(placeholder, "api-token", [HostPattern.Parse(OtherHost)], "x-api-key", "{value}");
        await using var env = await StartAsync(placeholders: [binding]);
        using var client = env.CreateClient();

        using var wrong = new HttpRequestMessage(HttpMethod.Get, $"https://{Host}/v1/hello");
        wrong.Headers.Add("x-api-key", placeholder);
        using var right = new HttpRequestMessage(HttpMethod.Get, $"https://{OtherHost}/v1/hello");
        right.Headers.Add("x-api-key", placeholder);

        using var denied = await client.SendAsync(wrong);
        using var allowed = await client.SendAsync(right);

        Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.AreEqual("dlp-finding", denied.Headers.GetValues("X-Bottle-Deny-Reason").Single());
        Assert.AreEqual(HttpStatusCode.OK, allowed.StatusCode);
    }

    [TestMethod]
    public async Task A_clean_gzip_body_passes_whole()
    {
        await using var env = await StartAsync();
        using var client = env.CreateClient();
        var text = Encoding.ASCII.GetBytes(new string('y', 300_000));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/upload") { Content = Gzip(text) };
        request.Headers.Add("X-Test-Id", "clean-gzip");

        using var response = await client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var unzip = new GZipStream(new MemoryStream(env.Upstream.ReceivedBodies["clean-gzip"]), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        unzip.CopyTo(plain);
        CollectionAssert.AreEqual(text, plain.ToArray());
    }

    private static Task<PipelockTestEnvironment> StartAsync(DlpSettings? dlp = null, IReadOnlyList<PlaceholderBinding>? placeholders = null) =>
        PipelockTestEnvironment.StartAsync(Rules, new DlpRequestInspector(NullLogger<DlpRequestInspector>.Instance), dlp, placeholders);

    private static ByteArrayContent Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static string Received(PipelockTestEnvironment env, string id) =>
        env.Upstream.ReceivedBodies.TryGetValue(id, out var body) ? Encoding.Latin1.GetString(body) : "";

    private static async Task AssertDeniedAsync(HttpResponseMessage response, string rule, string where)
    {
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("dlp-finding", response.Headers.GetValues("X-Bottle-Deny-Reason").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsFalse(body.Contains(AwsKey, StringComparison.Ordinal), "the deny never echoes the key");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.AreEqual(rule, json.GetProperty("rule").GetString());
        var hint = json.GetProperty("hint").GetString()!;
        StringAssert.Contains(hint, $"in the {where}");
        StringAssert.Contains(hint, "sha256:", "the hint names the finding by its redacted form");
    }
}

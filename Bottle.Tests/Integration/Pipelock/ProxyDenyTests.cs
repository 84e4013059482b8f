using System.Net;
using System.Net.Security;
using System.Text.Json;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>Attacks on the policy: each passes only when pipelock refuses with the right reason and the upstream sees nothing.</summary>
[TestClass]
public sealed class ProxyDenyTests
{
    private const string Host = PipelockTestEnvironment.Host;

    private static readonly string[] OnlyHello = ["/v1/hello"];

    [TestMethod]
    public async Task Connect_to_a_denied_host_gets_403_before_any_tls()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);

        var response = await RawHttp.ConnectTunnelAsync(raw, $"{PipelockTestEnvironment.OtherHost}:443");

        Assert.AreEqual(403, response.Status);
        Assert.AreEqual("host-not-allowed", response.DenyReason);
        var body = ReadDenyBody(response);
        Assert.IsTrue(body.GetProperty("blocked").GetBoolean());
        Assert.AreEqual(PipelockTestEnvironment.OtherHost, body.GetProperty("host").GetString());
        Assert.AreEqual(32, body.GetProperty("requestId").GetString()!.Length);

        // No TLS follows: the proxy closes the connection and never minted a certificate for the name.
        Assert.AreEqual(0, await raw.ReadAsync(new byte[1]));
        Assert.AreEqual(0, env.Server.GetStatus().LeafCertificates);
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task HttpClient_to_a_denied_host_fails_with_the_proxy_403()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();

        var ex = await Assert.ThrowsExactlyAsync<HttpRequestException>(() => client.GetAsync($"https://{PipelockTestEnvironment.OtherHost}/v1/hello"));

        StringAssert.Contains(ex.Message, "403");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Wrong_method_is_denied_with_a_hint_listing_what_is_allowed()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();

        using var response = await client.DeleteAsync($"https://{Host}/v1/hello");

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("method-not-allowed", response.Headers.GetValues("X-Bottle-Deny-Reason").Single());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.AreEqual("method-not-allowed", body.GetProperty("reason").GetString());
        Assert.AreEqual("api.test.local:443 GET,POST /v1/", body.GetProperty("rule").GetString());
        StringAssert.Contains(body.GetProperty("hint").GetString(), "api.test.local:443 GET,POST /v1/");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Wrong_path_and_dot_segment_tricks_never_reach_the_upstream()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);
        await RawHttp.ConnectTunnelAsync(raw, $"{Host}:443");
        await using var tls = await RawHttp.StartTlsAsync(raw, Host, env.TrustsBottleCa);

        string[] attempts = ["/v2/secret", "/v1/../v2/secret", "/v1/%2e%2e/v2/secret", "/v1/%2E%2E/v2/secret", "/v1/./../v2/secret", "//v2/secret", "/v1//..//v2/secret"];
        foreach (var path in attempts)
        {
            await RawHttp.SendAsync(tls, $"GET {path} HTTP/1.1\r\nHost: {Host}\r\n\r\n");
            var response = await RawHttp.ReadResponseAsync(tls);
            Assert.AreEqual(403, response.Status, path);
            Assert.AreEqual("path-not-allowed", response.DenyReason, path);
        }

        await RawHttp.SendAsync(tls, $"GET /v1/..%2Fv2/secret HTTP/1.1\r\nHost: {Host}\r\n\r\n");
        Assert.AreEqual("bad-path", (await RawHttp.ReadResponseAsync(tls)).DenyReason, "an escaped slash hiding '..' is refused");

        // The same connection still serves an allowed request, and only that one reached the upstream.
        await RawHttp.SendAsync(tls, $"GET /v1/x/../hello HTTP/1.1\r\nHost: {Host}\r\n\r\n");
        Assert.AreEqual(200, (await RawHttp.ReadResponseAsync(tls)).Status);
        CollectionAssert.AreEqual(OnlyHello, env.Upstream.Paths.ToArray());
    }

    [TestMethod]
    public async Task Ip_literal_destinations_are_denied_without_a_cidr_rule()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();

        await using (var raw = await RawHttp.ConnectAsync(env.ProxyUri))
        {
            var connect = await RawHttp.ConnectTunnelAsync(raw, $"127.0.0.1:{env.Upstream.Port}");
            Assert.AreEqual(403, connect.Status);
            Assert.AreEqual("ip-literal", connect.DenyReason);
        }

        await using (var raw = await RawHttp.ConnectAsync(env.ProxyUri))
        {
            await RawHttp.SendAsync(raw, $"GET http://[::1]:{env.Upstream.Port}/v1/hello HTTP/1.1\r\nHost: [::1]:{env.Upstream.Port}\r\n\r\n");
            Assert.AreEqual("ip-literal", (await RawHttp.ReadResponseAsync(raw)).DenyReason);
        }

        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Sni_that_differs_from_the_connect_host_is_denied()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);
        Assert.AreEqual(200, (await RawHttp.ConnectTunnelAsync(raw, $"{Host}:443")).Status);

        // The attacker's TLS names another host; it accepts any certificate to get its request in.
#pragma warning disable CA5359 // accepting any certificate is the attacker's move under test
        await using var tls = await RawHttp.StartTlsAsync(raw, PipelockTestEnvironment.OtherHost, AcceptAny);
#pragma warning restore CA5359
        await RawHttp.SendAsync(tls, $"GET /v1/hello HTTP/1.1\r\nHost: {Host}\r\n\r\n");
        var response = await RawHttp.ReadResponseAsync(tls);

        Assert.AreEqual(403, response.Status);
        Assert.AreEqual("sni-mismatch", response.DenyReason);
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Host_header_that_differs_from_the_tunnel_is_denied()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);
        await RawHttp.ConnectTunnelAsync(raw, $"{Host}:443");
        await using var tls = await RawHttp.StartTlsAsync(raw, Host, env.TrustsBottleCa);

        foreach (var hostHeader in new[] { PipelockTestEnvironment.OtherHost, $"{Host}:8443" })
        {
            await RawHttp.SendAsync(tls, $"GET /v1/hello HTTP/1.1\r\nHost: {hostHeader}\r\n\r\n");
            var response = await RawHttp.ReadResponseAsync(tls);
            Assert.AreEqual("host-header-mismatch", response.DenyReason, hostHeader);
        }

        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "both framings")]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde", "duplicate Content-Length")]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "stacked Transfer-Encoding")]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", "space before colon")]
    [DataRow("GET http://api.test.local/v1/hello HTTP/1.1\r\nHost: api.test.local\r\nX-A: 1\r\n folded\r\n\r\n", "obsolete line folding")]
    [DataRow("GET http://api.test.local/v1/hello HTTP/1.1\nHost: api.test.local\r\n\r\n", "bare LF")]
    [DataRow("GET http://api.test.local/v1/hello HTTP/1.1\r\nHost: api.test.local\r\nHost: other.test.local\r\n\r\n", "two Host headers")]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nContent-Length: +4\r\n\r\nabcd", "signed Content-Length")]
    [DataRow("POST http://api.test.local/v1/echo HTTP/1.1\r\nHost: api.test.local\r\nTransfer-Encoding: chunked\r\n\r\n4 \r\nabcd\r\n0\r\n\r\n", "chunk size with trailing space")]
    [DataRow("GET /v1/hello HTTP/1.1\r\nHost: api.test.local\r\n\r\n", "origin form sent to a proxy")]
    public async Task Malformed_and_smuggling_shaped_requests_are_rejected(string request, string what)
    {
        await using var env = await PipelockTestEnvironment.StartAsync(PlainHttpPolicy);
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);

        await RawHttp.SendAsync(raw, request);
        var response = await RawHttp.ReadResponseAsync(raw);

        Assert.AreEqual(400, response.Status, what);
        Assert.AreEqual("malformed-request", response.DenyReason, what);
        Assert.IsTrue(env.Upstream.Paths.IsEmpty, what);
    }

    [TestMethod]
    public async Task Oversized_heads_get_431()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(PlainHttpPolicy);
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);

        await RawHttp.SendAsync(raw, $"GET http://api.test.local/v1/hello HTTP/1.1\r\nHost: api.test.local\r\nX-Big: {new string('a', 40_000)}\r\n\r\n");

        Assert.AreEqual(431, (await RawHttp.ReadResponseAsync(raw)).Status);
    }

    /// <summary>The default policy plus plain http on port 80, so framing attacks reach the parser, not the policy.</summary>
    private static readonly IReadOnlyList<Sidecars.Policy.EgressRule> PlainHttpPolicy = [TestRules.Host("api.test.local", [80, 443], paths: ["/v1/"])];

    private static JsonElement ReadDenyBody(RawResponse response) => JsonDocument.Parse(response.Body).RootElement;

    // The attacker in the SNI test wants its request in whatever certificate it gets; that is the point of the test.
#pragma warning disable CA5359
    private static bool AcceptAny(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? c, System.Security.Cryptography.X509Certificates.X509Chain? ch, SslPolicyErrors e) => true;
#pragma warning restore CA5359
}

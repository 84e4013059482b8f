using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>Allowed traffic through pipelock with a real HttpClient: byte-exact, streamed, keep-alive, HTTP/2 upstream.</summary>
[TestClass]
public sealed class ProxyForwardingTests
{
    [TestMethod]
    public async Task Allowed_get_passes_through_interception_and_reaches_the_upstream_over_http2()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();

        using var response = await client.GetAsync($"https://{PipelockTestEnvironment.Host}/v1/hello");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("hello from upstream", await response.Content.ReadAsStringAsync());
        Assert.AreEqual("HTTP/2", response.Headers.GetValues("X-Upstream-Protocol").Single());
        Assert.AreEqual(1, env.Server.GetStatus().LeafCertificates);
    }

    [TestMethod]
    public async Task Multi_megabyte_chunked_request_body_is_streamed_byte_exact_both_ways()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();
        var payload = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 123);

        // A non-seekable stream of unknown length makes HttpClient send Transfer-Encoding: chunked.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{PipelockTestEnvironment.Host}/v1/echo")
        {
            Content = new StreamContent(new NonSeekableStream(payload)),
        };
        request.Headers.Add("X-Test-Id", "chunked");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var echoed = await response.Content.ReadAsByteArrayAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsNull(request.Content.Headers.ContentLength);
        CollectionAssert.AreEqual(payload, env.Upstream.ReceivedBodies["chunked"], "upstream must receive the exact bytes");
        CollectionAssert.AreEqual(payload, echoed, "client must receive the exact echoed bytes");
    }

    [TestMethod]
    public async Task Content_length_body_and_chunked_multi_megabyte_response_are_byte_exact()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();
        var payload = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

        using var post = new HttpRequestMessage(HttpMethod.Post, $"https://{PipelockTestEnvironment.Host}/v1/upload") { Content = new ByteArrayContent(payload) };
        post.Headers.Add("X-Test-Id", "fixed");
        using var posted = await client.SendAsync(post);
        Assert.AreEqual($"received {payload.Length}", await posted.Content.ReadAsStringAsync());
        CollectionAssert.AreEqual(payload, env.Upstream.ReceivedBodies["fixed"]);

        const int size = 5_000_003;
        var big = await client.GetByteArrayAsync($"https://{PipelockTestEnvironment.Host}/v1/big?size={size}");
        CollectionAssert.AreEqual(TestUpstream.BigBody(size), big);
        Assert.IsTrue(env.Server.GetStatus().BytesDown >= size, "metrics count the bytes sent down");
    }

    [TestMethod]
    public async Task Keep_alive_serves_several_requests_on_one_tunnel_with_one_minted_leaf()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);
        Assert.AreEqual(200, (await RawHttp.ConnectTunnelAsync(raw, $"{PipelockTestEnvironment.Host}:443")).Status);
        await using var tls = await RawHttp.StartTlsAsync(raw, PipelockTestEnvironment.Host, env.TrustsBottleCa);

        for (var i = 0; i < 3; i++)
        {
            await RawHttp.SendAsync(tls, $"GET /v1/hello HTTP/1.1\r\nHost: {PipelockTestEnvironment.Host}\r\n\r\n");
            var response = await RawHttp.ReadResponseAsync(tls);
            Assert.AreEqual(200, response.Status, $"request {i} on the same connection");
            Assert.AreEqual("hello from upstream", response.Text);
            Assert.IsFalse(response.Headers.ContainsKey("Connection"), "the proxy keeps the connection open");
        }

        Assert.AreEqual(1, env.Server.GetStatus().LeafCertificates);
        Assert.AreEqual(3, env.Upstream.Paths.Count(p => p == "/v1/hello"));
    }

    [TestMethod]
    public async Task Status_reports_policy_and_prometheus_counters()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();
        (await client.GetAsync($"https://{PipelockTestEnvironment.Host}/v1/hello")).Dispose();
        (await client.GetAsync($"https://{PipelockTestEnvironment.Host}/v2/secret")).Dispose();

        var status = env.Server.GetStatus();
        var text = status.ToPrometheusText();

        Assert.AreEqual(1, status.PolicyVersion);
        Assert.AreEqual(1, status.RuleCount);
        StringAssert.Contains(text, "pipelock_policy_rules 1\n");
        StringAssert.Contains(text, "pipelock_requests_total{decision=\"allow\"} 2\n"); // the CONNECT and the GET
        StringAssert.Contains(text, "pipelock_denied_total{reason=\"path-not-allowed\"} 1\n");
        StringAssert.Contains(text, "pipelock_bytes_total{direction=\"down\"} 19\n");
        var health = JsonSerializer.Serialize(status);
        StringAssert.Contains(health, "\"PolicyVersion\":1");
    }

    /// <summary>A read-only stream that hides its length, so HttpClient must chunk it.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

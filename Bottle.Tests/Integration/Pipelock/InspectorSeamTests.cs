using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>A finding reported through the inspector seam blocks the request wherever the secret sits.</summary>
[TestClass]
public sealed class InspectorSeamTests
{
    private const string Marker = "BOTTLE-TEST-SECRET-0123456789";
    private const string Host = PipelockTestEnvironment.Host;

    [TestMethod]
    public async Task Finding_in_the_url_blocks_before_the_upstream()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(inspector: new MarkerInspector(Marker));
        using var client = env.CreateClient();

        using var response = await client.GetAsync($"https://{Host}/v1/hello?token={Marker}");

        await AssertDlpDenyAsync(response, "marker in URL");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Finding_in_a_header_blocks_before_the_upstream()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(inspector: new MarkerInspector(Marker));
        using var client = env.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{Host}/v1/hello");
        request.Headers.Add("X-Api-Key", Marker);

        using var response = await client.SendAsync(request);

        await AssertDlpDenyAsync(response, "marker in a header");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    [TestMethod]
    public async Task Finding_deep_in_a_streamed_body_blocks_and_not_one_byte_of_it_leaves()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(inspector: new MarkerInspector(Marker));
        using var client = env.CreateClient();
        var payload = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        const int offset = (2 * 1024 * 1024) + 65_530; // straddles the proxy's 64 KiB reads
        Encoding.ASCII.GetBytes(Marker).CopyTo(payload, offset);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/upload") { Content = new ByteArrayContent(payload) };
        request.Headers.Add("X-Test-Id", "dlp-body");
        using var response = await client.SendAsync(request);

        await AssertDlpDenyAsync(response, "marker in the body");
        var received = await WaitForBodyAsync(env, "dlp-body");
        Assert.IsTrue(received.Length <= offset, $"the upstream got {received.Length} bytes; the secret starts at {offset}");
        Assert.AreEqual(-1, received.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker.AsSpan(0, 8).ToString())), "no prefix of the secret leaves");
    }

    [TestMethod]
    public async Task Clean_body_passes_the_inspector_byte_exact()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(inspector: new MarkerInspector(Marker));
        using var client = env.CreateClient();
        var payload = RandomNumberGenerator.GetBytes(1024 * 1024 + 7);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://{Host}/v1/upload") { Content = new ByteArrayContent(payload) };
        request.Headers.Add("X-Test-Id", "clean");
        using var response = await client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        CollectionAssert.AreEqual(payload, env.Upstream.ReceivedBodies["clean"], "the held-back overlap is flushed at the end");
    }

    [TestMethod]
    public async Task Audit_lines_record_decisions_with_redacted_paths_and_never_the_secret()
    {
        var env = await PipelockTestEnvironment.StartAsync(inspector: new MarkerInspector(Marker));
        await using (env)
        {
            using var client = env.CreateClient();
            (await client.GetAsync($"https://{Host}/v1/hello?user=alice&page=2")).Dispose();
            (await client.GetAsync($"https://{Host}/v1/hello?token={Marker}")).Dispose();
            (await client.DeleteAsync($"https://{Host}/v1/hello")).Dispose();

            var lines = await env.StopAndReadAuditAsync();
            var text = string.Join('\n', lines);
            Assert.IsFalse(text.Contains(Marker, StringComparison.Ordinal), "the secret is never written to the audit log");
            Assert.IsFalse(text.Contains("alice", StringComparison.Ordinal), "query values are removed");

            var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            var get = events.Single(e => e.GetProperty("path").GetString() == "/v1/hello?user=&page=");
            Assert.AreEqual("allow", get.GetProperty("decision").GetString());
            Assert.AreEqual("pipelock", get.GetProperty("sidecar").GetString());
            Assert.AreEqual(443, get.GetProperty("port").GetInt32());
            Assert.AreEqual(19, get.GetProperty("bytesDown").GetInt64());
            Assert.IsTrue(get.GetProperty("durationMs").GetDouble() >= 0);

            var dlp = events.Single(e => e.GetProperty("reason").GetString() == "dlp-finding");
            Assert.AreEqual("[withheld]", dlp.GetProperty("path").GetString());
            Assert.AreEqual("finding-url", dlp.GetProperty("findingIds")[0].GetString());
            Assert.AreEqual(MarkerInspector.RuleId, dlp.GetProperty("rule").GetString());

            Assert.AreEqual(1, events.Count(e => e.GetProperty("reason").GetString() == "method-not-allowed"));
            Assert.IsTrue(events.Any(e => e.GetProperty("method").GetString() == "CONNECT" && e.GetProperty("decision").GetString() == "allow"));
        }
    }

    private static async Task AssertDlpDenyAsync(HttpResponseMessage response, string where)
    {
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("dlp-finding", response.Headers.GetValues("X-Bottle-Deny-Reason").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsFalse(body.Contains(Marker, StringComparison.Ordinal), "the deny never echoes the secret");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.AreEqual(MarkerInspector.RuleId, json.GetProperty("rule").GetString());
        Assert.IsTrue(json.GetProperty("blocked").GetBoolean());
        StringAssert.Contains(json.GetProperty("hint").GetString(), where);
    }

    private static async Task<byte[]> WaitForBodyAsync(PipelockTestEnvironment env, string id)
    {
        // The upstream records a body when its aborted request ends, which may be just after the client's 403.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!env.Upstream.ReceivedBodies.ContainsKey(id))
        {
            await Task.Delay(10, deadline.Token);
        }

        return env.Upstream.ReceivedBodies[id];
    }
}

using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>WebSocket upgrades go through policy like any request; an unreachable upstream gets a clear 502.</summary>
[TestClass]
public sealed class WebSocketAndUpstreamErrorTests
{
    private const string Host = PipelockTestEnvironment.Host;

    [TestMethod]
    public async Task An_allowed_websocket_is_tunnelled_through_interception()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var socket = NewSocket(env);

        await socket.ConnectAsync(new Uri($"wss://{Host}/v1/ws"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping through pipelock"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.AreEqual("ping through pipelock", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [TestMethod]
    public async Task A_websocket_to_a_path_policy_does_not_allow_is_refused()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var socket = NewSocket(env);

        await Assert.ThrowsExactlyAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"wss://{Host}/v2/ws"), CancellationToken.None));

        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
        Assert.AreEqual(1, env.Server.GetStatus().DeniedByReason["path-not-allowed"]);
    }

    [TestMethod]
    public async Task An_unreachable_upstream_gets_502_with_a_reason_and_an_error_audit_line()
    {
        var env = await PipelockTestEnvironment.StartAsync([TestRules.Host(PipelockTestEnvironment.DownHost)]);
        await using (env)
        {
            using var client = env.CreateClient();

            using var response = await client.GetAsync($"https://{PipelockTestEnvironment.DownHost}/anything");

            Assert.AreEqual(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.AreEqual("upstream-error", response.Headers.GetValues("X-Bottle-Deny-Reason").Single());
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.IsFalse(body.GetProperty("blocked").GetBoolean());
            var audit = (await env.StopAndReadAuditAsync()).Select(l => JsonDocument.Parse(l).RootElement);
            Assert.AreEqual(1, audit.Count(e => e.GetProperty("decision").GetString() == "error"));
        }
    }

    private static ClientWebSocket NewSocket(PipelockTestEnvironment env)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = new WebProxy(env.ProxyUri);
        socket.Options.RemoteCertificateValidationCallback = env.TrustsBottleCa;
        return socket;
    }
}

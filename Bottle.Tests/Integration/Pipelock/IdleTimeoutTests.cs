using Bottle.Sidecars.Proxy;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// The idle timeout between requests on one client connection: it restarts with every request head (a connection in
/// use is never cut for its age) and closes a connection that stays quiet longer than the limit.
/// </summary>
[TestClass]
public sealed class IdleTimeoutTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    // Each pause is well inside the limit, and together they are well past it.
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1.2);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_idle_timer_restarts_per_request_and_closes_a_quiet_connection()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(limits: ProxyLimits.Default with { IdleTimeout = IdleTimeout });
        await using var raw = await RawHttp.ConnectAsync(env.ProxyUri);
        // A denied plain request without a body keeps the connection open: three on one connection, with pauses
        // that add up to more than the idle timeout.
        var request = $"GET http://{PipelockTestEnvironment.OtherHost}/ HTTP/1.1\r\nHost: {PipelockTestEnvironment.OtherHost}\r\n\r\n";
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await Task.Delay(Pause, TestContext.CancellationToken); // the client idles (test input, not synchronisation)
            }

            await RawHttp.SendAsync(raw, request);
            var response = await RawHttp.ReadResponseAsync(raw);
            Assert.AreEqual(403, response.Status, $"request {i + 1} on the same connection is answered");
            Assert.AreEqual("host-not-allowed", response.DenyReason);
        }

        // Now quiet: the proxy closes the connection (EOF) once the timeout passes; the deadline only bounds the wait.
        var started = TimeProvider.System.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, await raw.ReadAsync(new byte[1], deadline.Token), "the idle connection is closed by the proxy");
        Assert.IsTrue(TimeProvider.System.GetElapsedTime(started) >= IdleTimeout - TimeSpan.FromMilliseconds(200), "not before the idle timeout");
    }
}

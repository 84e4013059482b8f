using System.Text;
using Bottle.AppHost.Audit;
using Bottle.AppHost.Dashboard.Audit;
using Bottle.Sidecars.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using SidecarAuditEvent = Bottle.Sidecars.Audit.AuditEvent;
using ViewAuditEvent = Bottle.AppHost.Dashboard.Audit.AuditEvent;

namespace Bottle.Tests.Integration.Up;

/// <summary>
/// <see cref="AuditFeed"/> over a real file the way the sidecars write it (their own <see cref="AuditWriter"/>),
/// and over the awkward cases of tail -f: a file created late, a line written in two pieces, a bad line, truncation.
/// </summary>
[TestClass]
public sealed class AuditFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // The sidecars' AuditWriter writes camelCase JSON; so do these hand-made lines.
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Lines_written_by_the_sidecars_writer_reach_the_dashboard_source_old_and_new()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "audit.jsonl");
        await using (var writer = new AuditWriter(path, null, NullLogger<AuditWriter>.Instance))
        {
            writer.Write(Event("r1", "allow", host: "api.example.test"));
        }

        var source = new InMemoryAuditEventSource();
        using var feed = await StartFeedAsync(path, source);
        var seen = source.WatchAsync(TestContext.CancellationToken).GetAsyncEnumerator(TestContext.CancellationToken);
        Assert.AreEqual("api.example.test", (await NextAsync(seen)).Host, "lines already in the file come first");

        await using (var writer = new AuditWriter(path, null, NullLogger<AuditWriter>.Instance))
        {
            writer.Write(Event("r2", "deny", host: "pastebin.test", reason: "host_not_allowed"));
        }

        var denied = await NextAsync(seen);
        Assert.AreEqual(AuditDecision.Deny, denied.Decision);
        Assert.AreEqual("pastebin.test", denied.Host);
        Assert.AreEqual("host_not_allowed", denied.Reason);
    }

    [TestMethod]
    public async Task A_file_created_after_the_feed_started_and_a_line_written_in_two_pieces_are_read_once_whole()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "audit.jsonl");
        var source = new InMemoryAuditEventSource();
        using var feed = await StartFeedAsync(path, source);
        var seen = source.WatchAsync(TestContext.CancellationToken).GetAsyncEnumerator(TestContext.CancellationToken);

        var line = Json(Event("r1", "deny", host: "late.example.test", findings: ["aws-access-key"], reason: "dlp_blocked"));
        var half = line.Length / 2;
        await AppendAsync(path, line[..half]);
        var reader = new AuditFileReader(path, TimeProvider.System, NullLogger<AuditFileReader>.Instance);
        Assert.IsEmpty(await ReadAllAsync(reader), "half a line is not an event yet");

        await AppendAsync(path, line[half..] + "\n");
        var dlp = await NextAsync(seen);
        Assert.AreEqual(AuditDecision.Dlp, dlp.Decision, "a request with DLP findings shows under the DLP filter");
        Assert.AreEqual("dlp_blocked (findings: aws-access-key)", dlp.Reason);
        Assert.HasCount(1, await ReadAllAsync(reader), "the completed line is one event");
    }

    [TestMethod]
    public async Task A_bad_line_is_skipped_and_the_lines_after_it_still_arrive()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "audit.jsonl");
        await File.WriteAllTextAsync(path, "{not json\n" + "{\"time\":null}\n" + Json(Event("r3", "error", host: "down.example.test", port: 8443)) + "\n", TestContext.CancellationToken);

        var events = await ReadAllAsync(new AuditFileReader(path, TimeProvider.System, NullLogger<AuditFileReader>.Instance));

        Assert.HasCount(1, events);
        var view = AuditEventMapper.ToView(events[0]);
        Assert.AreEqual(AuditDecision.Error, view.Decision);
        Assert.AreEqual("down.example.test:8443", view.Host, "a port other than 443/80 is shown");
    }

    [TestMethod]
    public async Task A_truncated_file_is_read_again_from_its_start()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "audit.jsonl");
        await File.WriteAllTextAsync(path, Json(Event("r1", "allow", host: "first.example.test")) + "\n" + Json(Event("r2", "allow", host: "second.example.test")) + "\n", TestContext.CancellationToken);
        var source = new InMemoryAuditEventSource();
        using var feed = await StartFeedAsync(path, source);
        var seen = source.WatchAsync(TestContext.CancellationToken).GetAsyncEnumerator(TestContext.CancellationToken);
        await NextAsync(seen);
        await NextAsync(seen);

        await File.WriteAllTextAsync(path, Json(Event("r3", "allow", host: "after-truncate.test")) + "\n", TestContext.CancellationToken);

        Assert.AreEqual("after-truncate.test", (await NextAsync(seen)).Host);
    }

    private async Task<FeedHandle> StartFeedAsync(string path, InMemoryAuditEventSource source)
    {
        var reader = new AuditFileReader(path, TimeProvider.System, NullLogger<AuditFileReader>.Instance) { PollInterval = TimeSpan.FromMilliseconds(20) };
        var feed = new AuditFeed(reader, source, NullLogger<AuditFeed>.Instance);
        await feed.StartAsync(TestContext.CancellationToken);
        return new FeedHandle(feed);
    }

    private async Task<List<SidecarAuditEvent>> ReadAllAsync(AuditFileReader reader)
    {
        var events = new List<SidecarAuditEvent>();
        await foreach (var e in reader.ReadAsync(follow: false, TestContext.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task<ViewAuditEvent> NextAsync(IAsyncEnumerator<ViewAuditEvent> events)
    {
        var next = events.MoveNextAsync().AsTask();
        Assert.AreSame(next, await Task.WhenAny(next, Task.Delay(Deadline)), $"no audit event within {Deadline.TotalSeconds} s");
        Assert.IsTrue(await next);
        return events.Current;
    }

    private static Task AppendAsync(string path, string text) => File.AppendAllTextAsync(path, text, new UTF8Encoding(false));

    private static string Json(SidecarAuditEvent e) => System.Text.Json.JsonSerializer.Serialize(e, WebJson);

    private static SidecarAuditEvent Event(string id, string decision, string host, int port = 443, string? reason = null, string[]? findings = null) =>
        new(DateTimeOffset.UnixEpoch, id, "pipelock", "GET", host, port, "/", decision, reason, null, findings ?? [], 0, 0, 1.5);

    private sealed class FeedHandle(AuditFeed feed) : IDisposable
    {
        public void Dispose()
        {
            feed.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            feed.Dispose();
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("bottle-audit-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

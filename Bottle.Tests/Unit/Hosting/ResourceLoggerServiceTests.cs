using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class ResourceLoggerServiceTests
{
    [TestMethod]
    public async Task The_backlog_keeps_only_the_newest_lines_and_numbers_never_restart()
    {
        using var deadline = DeadlineSource();
        var logs = Create(backlogSize: 3);
        for (var i = 1; i <= 5; i++)
        {
            logs.WriteLine("db", $"line {i}", isError: false);
        }

        var lines = await logs.ReadLogUntilAsync("db", l => l.Text == "line 5", deadline.Token);

        string[] expectedText = ["line 3", "line 4", "line 5"];
        long[] expectedNumbers = [3, 4, 5];
        CollectionAssert.AreEqual(expectedText, lines.Select(l => l.Text).ToArray());
        CollectionAssert.AreEqual(expectedNumbers, lines.Select(l => l.LineNumber).ToArray());
        CollectionAssert.AreEqual(lines, logs.GetBacklog("db").ToList());
    }

    [TestMethod]
    public async Task A_live_watcher_gets_only_lines_written_after_it_subscribed()
    {
        using var deadline = DeadlineSource();
        var logs = Create(backlogSize: 100);
        logs.WriteLine("db", "old", isError: false);
        await using var live = logs.WatchAsync("db", fromStart: false, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var next = live.MoveNextAsync();

        logs.WriteLine("DB", "new", isError: true);

        Assert.IsTrue(await next);
        Assert.AreEqual(new LogLine(2, live.Current.Timestamp, "new", true), live.Current);
    }

    [TestMethod]
    public async Task GetLogger_writes_each_line_of_a_message_and_flags_errors()
    {
        using var deadline = DeadlineSource();
        var logs = Create(backlogSize: 100);
        var logger = logs.GetLogger("db");

#pragma warning disable CA1848, CA2254 // The test exercises the plain ILogger surface a runner would use.
        logger.LogInformation("first\nsecond");
        logger.LogError("broken");
#pragma warning restore CA1848, CA2254
        var lines = await logs.ReadLogUntilAsync("db", l => l.Text == "broken", deadline.Token);

        CollectionAssert.AreEqual(new[] { ("first", false), ("second", false), ("broken", true) }, lines.Select(l => (l.Text, l.IsError)).ToArray());
    }

    [TestMethod]
    public void A_backlog_size_below_one_is_rejected_naming_the_option()
    {
        var thrown = Assert.ThrowsExactly<ArgumentException>(() => Create(backlogSize: 0));
        StringAssert.Contains(thrown.Message, "LogBacklogSize");
    }

    private static ResourceLoggerService Create(int backlogSize) =>
        new(TimeProvider.System, Options.Create(new BottleHostingOptions { LogBacklogSize = backlogSize }));
}

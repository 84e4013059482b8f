using Bottle.AppHost.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bottle.Tests.Unit.Run;

[TestClass]
public sealed class AuditLogReaderTests
{
    private const string Deny = """{"time":"2026-11-23T10:00:00+00:00","requestId":"r1","sidecar":"pipelock","method":"GET","host":"evil.test","port":443,"path":"/","decision":"deny","reason":"host_not_allowed","rule":null,"findingIds":[]}""";
    private const string Block = """{"time":"2026-11-23T10:00:01+00:00","sidecar":"egress","decision":"block","category":"dlp","reason":"aws key","host":"api.test"}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Reads_both_sidecar_shapes_and_waits_for_a_line_being_written()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Deny + "\n" + Block[..20], TestContext.CancellationToken);
            var reader = new AuditLogReader(file);

            var first = await reader.ReadNewAsync(TestContext.CancellationToken);
            Assert.HasCount(1, first);
            Assert.AreEqual(("pipelock", "deny", "evil.test", "host_not_allowed", true), (first[0].Sidecar, first[0].Decision, first[0].Host, first[0].Reason, first[0].IsDenied));
            Assert.AreEqual(443, first[0].Raw.GetProperty("port").GetInt32());

            await File.AppendAllTextAsync(file, Block[20..] + "\n", TestContext.CancellationToken);
            var second = await reader.ReadNewAsync(TestContext.CancellationToken);
            Assert.HasCount(1, second);
            Assert.AreEqual(("egress", "block", true), (second[0].Sidecar, second[0].Decision, second[0].IsDenied));
            Assert.IsEmpty(await reader.ReadNewAsync(TestContext.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Corrupt_complete_line_is_an_error_naming_file_and_line()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Deny + "\nnot json\n", TestContext.CancellationToken);

            var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => AuditLogReader.ReadAllAsync(file, TestContext.CancellationToken));

            StringAssert.StartsWith(error.Message, $"{file}:2: not an audit event");
            StringAssert.EndsWith(error.Message, ": not json");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Watch_yields_lines_appended_later_on_the_next_poll()
    {
        var file = Path.GetTempFileName();
        try
        {
            var time = new FakeTimeProvider();
            await using var watch = AuditLogReader.WatchAsync(file, time, TestContext.CancellationToken).GetAsyncEnumerator(TestContext.CancellationToken);
            var next = watch.MoveNextAsync().AsTask();
            Assert.IsFalse(next.IsCompleted);

            await File.AppendAllTextAsync(file, Block + "\n", TestContext.CancellationToken);
            // Advance the fake clock until the poll after the append has read it; the deadline only guards a broken reader.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (!next.IsCompleted && !deadline.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Yield();
            }

            Assert.IsTrue(await next);
            Assert.AreEqual("egress", watch.Current.Sidecar);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

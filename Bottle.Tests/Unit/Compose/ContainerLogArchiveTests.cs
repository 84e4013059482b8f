using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.Tests.Unit.Compose;

[TestClass]
public sealed class ContainerLogArchiveTests
{
    [TestMethod]
    public void Lines_of_every_container_and_stream_merge_into_one_timeline_prefixed_like_compose_logs()
    {
        var text = ContainerLogArchive.Format(
        [
            new ContainerLog("b-agent", "2026-11-23T10:00:00.300000000Z agent up\n", string.Empty),
            new ContainerLog(
                "b-pipelock",
                "2026-11-23T10:00:00.100000000Z listening\n2026-11-23T10:00:00.400000000Z shutting down\n",
                "2026-11-23T10:00:00.200000000Z warn: no rules\r\n"),
        ]);

        Assert.AreEqual(
            "b-pipelock | 2026-11-23T10:00:00.100000000Z listening\n"
            + "b-pipelock | 2026-11-23T10:00:00.200000000Z warn: no rules\n"
            + "b-agent    | 2026-11-23T10:00:00.300000000Z agent up\n"
            + "b-pipelock | 2026-11-23T10:00:00.400000000Z shutting down\n",
            text);
    }

    [TestMethod]
    public void Lines_with_the_same_timestamp_keep_the_order_they_were_read_in()
    {
        var text = ContainerLogArchive.Format(
        [
            new ContainerLog("c", "2026-11-23T10:00:00.000000000Z first\n2026-11-23T10:00:00.000000000Z second\n", string.Empty),
        ]);

        Assert.AreEqual("c | 2026-11-23T10:00:00.000000000Z first\nc | 2026-11-23T10:00:00.000000000Z second\n", text);
    }
}

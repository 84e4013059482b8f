using System.Text.Json;
using Bottle.Sidecars.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Unit.Audit;

/// <summary>
/// The three sidecars append to one bind-mounted <c>audit.jsonl</c>, each through its own open file. Two writers
/// with their own file descriptors, writing at once, must leave every line whole and none lost.
/// </summary>
[TestClass]
public sealed class AuditWriterSharedFileTests
{
    [TestMethod]
    public async Task Concurrent_writers_on_one_file_lose_and_tear_no_line()
    {
        const int PerWriter = 2000;
        var path = Path.Combine(Directory.CreateTempSubdirectory("bottle-audit-").FullName, "audit.jsonl");
        await using (var pipelock = new AuditWriter(path, null, NullLogger<AuditWriter>.Instance))
        await using (var egress = new AuditWriter(path, null, NullLogger<AuditWriter>.Instance))
        {
            await Task.WhenAll(
                Task.Run(() => WriteMany(pipelock, "pipelock", PerWriter)),
                Task.Run(() => WriteMany(egress, "egress", PerWriter)));
        }

        var lines = await File.ReadAllLinesAsync(path);
        Assert.AreEqual(2 * PerWriter, lines.Length, "every event is one line");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line); // a torn or overwritten line does not parse
            Assert.IsTrue(ids.Add(json.RootElement.GetProperty("requestId").GetString()!), $"duplicate line: {line}");
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private static void WriteMany(AuditWriter writer, string sidecar, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.Write(new AuditEvent(
                DateTimeOffset.UnixEpoch, $"{sidecar}-{i}", sidecar, "GET", "api.example.test", 443, "/v1/x",
                AuditEvent.Allow, null, "rule-0", [], 10, 20, 0.5));
        }
    }
}

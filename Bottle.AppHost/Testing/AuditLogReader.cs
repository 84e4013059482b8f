using System.Runtime.CompilerServices;
using System.Text.Json;
using Bottle.AppHost.Audit;

namespace Bottle.AppHost.Testing;

/// <summary>
/// Reads <c>audit.jsonl</c> while the sidecars append to it, strictly: a complete line that is not an audit event is
/// an error naming the file and line (a test must not pass over a broken log), where the dashboard's
/// <see cref="AuditFileReader"/> logs and skips it.
/// </summary>
internal sealed class AuditLogReader(string path)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly AppendedLineReader _lines = new(path);

    /// <summary>Every complete line from the start of the file.</summary>
    public static async Task<IReadOnlyList<BottleAuditEvent>> ReadAllAsync(string path, CancellationToken cancellationToken) =>
        await new AuditLogReader(path).ReadNewAsync(cancellationToken);

    /// <summary>The lines already written, then each new one as it is appended, until cancelled.</summary>
    public static async IAsyncEnumerable<BottleAuditEvent> WatchAsync(string path, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new AuditLogReader(path);
        while (true)
        {
            foreach (var auditEvent in await reader.ReadNewAsync(cancellationToken))
            {
                yield return auditEvent;
            }

            // Polling, not FileSystemWatcher: the writers are in containers, and a poll sees every kind of append.
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }

    /// <summary>The complete lines appended since the last call.</summary>
    public async Task<IReadOnlyList<BottleAuditEvent>> ReadNewAsync(CancellationToken cancellationToken)
    {
        var events = new List<BottleAuditEvent>();
        foreach (var (number, line) in await _lines.ReadNewAsync(cancellationToken))
        {
            try
            {
                events.Add(BottleAuditEvent.Parse(line));
            }
            catch (JsonException ex)
            {
                var shown = line.Length > 200 ? line[..200] + "..." : line;
                throw new InvalidDataException($"{_lines.Path}:{number}: not an audit event ({ex.Message}): {shown}", ex);
            }
        }

        return events;
    }
}

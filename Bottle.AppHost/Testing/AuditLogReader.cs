using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Bottle.AppHost.Testing;

/// <summary>
/// Reads <c>audit.jsonl</c> while the sidecars append to it: only complete lines (a line still being written has no
/// newline yet and is read on the next pass), from where the last read stopped.
/// </summary>
internal sealed class AuditLogReader(string path)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private long _offset;
    private int _lineNumber;

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
        byte[] bytes;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length <= _offset)
            {
                return [];
            }

            file.Position = _offset;
            bytes = new byte[file.Length - _offset];
            await file.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return [];
        }

        _offset += end + 1;
        var events = new List<BottleAuditEvent>();
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            _lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                events.Add(BottleAuditEvent.Parse(line));
            }
            catch (JsonException ex)
            {
                var shown = line.Length > 200 ? line[..200] + "..." : line;
                throw new InvalidDataException($"{path}:{_lineNumber}: not an audit event ({ex.Message}): {shown}", ex);
            }
        }

        return events;
    }
}

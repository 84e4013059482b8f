using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SidecarAuditEvent = Bottle.Sidecars.Audit.AuditEvent;

namespace Bottle.AppHost.Audit;

/// <summary>
/// Reads a bottle's <c>audit.jsonl</c> (the JSON lines the sidecars' <c>AuditWriter</c> appends) with
/// <c>tail -f</c> semantics: every line from the beginning, then each new one as it is appended. A file that does
/// not exist yet is waited for; a last line without its newline is held until the rest of it arrives; a file
/// that shrinks (truncated or replaced) is read again from its start. A line that is not a valid audit event is
/// logged with its file and line number and skipped: one bad line never stops the feed.
/// </summary>
public sealed partial class AuditFileReader
{
    /// <summary>How often a followed file is checked for new lines unless told otherwise.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    // The sidecars write camelCase; nulls where the record says non-null mean a broken line, not an empty field.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a reader of <paramref name="path"/>.</summary>
    public AuditFileReader(string path, TimeProvider timeProvider, ILogger<AuditFileReader> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Path = System.IO.Path.GetFullPath(path);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The audit file (absolute).</summary>
    public string Path { get; }

    /// <summary>How often a followed file is checked for new lines.</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>
    /// Streams the file's events. Without <paramref name="follow"/> it ends at the end of the file (an unfinished
    /// last line is left out); with it, it waits for new lines until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<SidecarAuditEvent> ReadAsync(bool follow, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = new Cursor();
        while (true)
        {
            foreach (var auditEvent in await ReadNewLinesAsync(cursor, cancellationToken))
            {
                yield return auditEvent;
            }

            if (!follow)
            {
                yield break;
            }

            await Task.Delay(PollInterval, _timeProvider, cancellationToken);
        }
    }

    /// <summary>Parses one audit line; null (with the reason in <paramref name="error"/>) when it is not an audit event.</summary>
    public static SidecarAuditEvent? Parse(string line, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            var auditEvent = JsonSerializer.Deserialize<SidecarAuditEvent>(line, Json);
            error = auditEvent is null ? "the line is JSON null" : null;
            return auditEvent;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private async Task<List<SidecarAuditEvent>> ReadNewLinesAsync(Cursor cursor, CancellationToken cancellationToken)
    {
        var events = new List<SidecarAuditEvent>();
        FileStream stream;
        try
        {
            // ReadWrite|Delete sharing: the sidecars keep appending, and 'down' may remove the state dir meanwhile.
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return events;
        }

        await using (stream)
        {
            if (stream.Length < cursor.Position)
            {
                LogRestarted(_logger, Path, cursor.Position, stream.Length);
                cursor.Reset();
            }

            stream.Position = cursor.Position;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                cursor.Position += read;
                var chunk = buffer.AsSpan(0, read);
                int newline;
                while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
                {
                    cursor.Pending.Write(chunk[..newline]);
                    chunk = chunk[(newline + 1)..];
                    cursor.LineNumber++;
                    var line = Encoding.UTF8.GetString(cursor.Pending.GetBuffer(), 0, (int)cursor.Pending.Length).TrimEnd('\r');
                    cursor.Pending.SetLength(0);
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    if (Parse(line, out var error) is { } auditEvent)
                    {
                        events.Add(auditEvent);
                    }
                    else
                    {
                        LogBadLine(_logger, Path, cursor.LineNumber, error);
                    }
                }

                cursor.Pending.Write(chunk);
            }
        }

        return events;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}:{LineNumber}: not an audit event, skipped: {Error}")]
    private static partial void LogBadLine(ILogger logger, string path, long lineNumber, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} shrank from {Was} to {Now} bytes (truncated or replaced); reading it again from the start")]
    private static partial void LogRestarted(ILogger logger, string path, long was, long now);

    /// <summary>Where the reader is: bytes consumed, the unfinished last line, lines seen.</summary>
    private sealed class Cursor
    {
        public long Position { get; set; }

        public MemoryStream Pending { get; } = new();

        public long LineNumber { get; set; }

        public void Reset()
        {
            Position = 0;
            LineNumber = 0;
            Pending.SetLength(0);
        }
    }
}

using System.Runtime.CompilerServices;
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
        var lines = new AppendedLineReader(Path);
        while (true)
        {
            foreach (var auditEvent in await ReadNewLinesAsync(lines, cancellationToken))
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

    private async Task<List<SidecarAuditEvent>> ReadNewLinesAsync(AppendedLineReader lines, CancellationToken cancellationToken)
    {
        var events = new List<SidecarAuditEvent>();
        foreach (var (number, line) in await lines.ReadNewAsync(cancellationToken, (was, now) => LogRestarted(_logger, Path, was, now)))
        {
            if (Parse(line, out var error) is { } auditEvent)
            {
                events.Add(auditEvent);
            }
            else
            {
                LogBadLine(_logger, Path, number, error);
            }
        }

        return events;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}:{LineNumber}: not an audit event, skipped: {Error}")]
    private static partial void LogBadLine(ILogger logger, string path, long lineNumber, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} shrank from {Was} to {Now} bytes (truncated or replaced); reading it again from the start")]
    private static partial void LogRestarted(ILogger logger, string path, long was, long now);
}

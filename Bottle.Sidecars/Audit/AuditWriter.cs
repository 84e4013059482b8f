using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Audit;

/// <summary>
/// Writes <see cref="AuditEvent"/>s as JSON lines to an <c>audit.jsonl</c> file and to stdout from a background
/// task. <see cref="Write"/> never blocks the request path: events go into a bounded channel; if it is ever full
/// the event is counted in <see cref="Dropped"/> and a warning is logged. Disposing drains and flushes everything.
/// Lines are written in batches: once an event arrives the pump waits <see cref="BatchWindow"/> for more, then
/// writes them all with one write per destination, on its own thread (no further hop per write). Under a stream of
/// small requests that is one wake-up per window instead of several per request on a machine with few cores.
/// </summary>
public sealed partial class AuditWriter : IAuditSink, IAsyncDisposable
{
    /// <summary>How long the pump gathers events before it writes them (how late a line may reach the file).</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    private readonly Channel<AuditEvent> _channel;
    private readonly FileStream? _file;
    private readonly Stream? _console;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Task _pump;
    private long _dropped;

    /// <summary>
    /// Creates a writer appending to <paramref name="filePath"/> (created with mode 0600 if missing; null for none)
    /// and to <paramref name="console"/> (e.g. stdout; null for none).
    /// </summary>
    public AuditWriter(string? filePath, Stream? console, ILogger<AuditWriter> logger, int capacity = 65536)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _logger = logger;
        _console = console;
        if (filePath is not null)
        {
            _file = AppendOnlyFile.Open(filePath);
        }

        _channel = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events that could not be queued because the writer fell behind (should stay 0).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="auditEvent"/>; never blocks.</summary>
    public void Write(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (!_channel.Writer.TryWrite(auditEvent))
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(_logger, auditEvent.RequestId);
        }
    }

    /// <summary>Stops accepting events, writes out every queued one and flushes.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _pump;
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Gather what else arrives in the window (disposing waits at most this long more).
            await Task.Delay(BatchWindow);

            while (reader.TryRead(out var auditEvent))
            {
                JsonSerializer.Serialize(json, auditEvent, AuditJsonContext.Default.AuditEvent);
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
            }

            try
            {
                // Synchronous on purpose: this is the pump's own background task, and an async write to a regular
                // file would only move the same write(2) to another thread-pool thread.
                _file?.Write(buffer.WrittenSpan);
                if (_console is not null)
                {
                    _console.Write(buffer.WrittenSpan);
                    _console.Flush();
                }
            }
            catch (IOException ex)
            {
                LogWriteFailed(_logger, ex);
            }

            buffer.ResetWrittenCount();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit queue full: event for request {RequestId} dropped")]
    private static partial void LogDropped(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing audit lines failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}

using System.IO.Pipelines;
using Bottle.Sidecars.Dlp.Decoding;
using Bottle.Sidecars.Dlp.Engine;

namespace Bottle.Sidecars.Dlp;

/// <summary>
/// Scans one request body as it streams through the proxy, chunk by chunk, holding no more than the scan window
/// (plus an overlap, so a secret split across chunks is still found). Compressed bodies
/// (<c>Content-Encoding</c> gzip, deflate, br) are decompressed on a background pump fed through a bounded pipe.
/// Create one with <see cref="DlpScanner.CreateBodyScanner"/>, call <see cref="AppendAsync"/> per chunk, then
/// <see cref="CompleteAsync"/> for the verdict. Not thread-safe: one body, one caller.
/// </summary>
public sealed class DlpBodyScanner : IAsyncDisposable
{
    private const int ReadBufferBytes = 16 * 1024;

    private readonly BodyWindow _window;
    private readonly Pipe? _pipe;
    private readonly Task? _pump;
    private bool _completed;

    internal DlpBodyScanner(ScanEngine engine, DlpOptions options, string? contentEncoding, string? destinationHost)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: options.WindowBytes, resumeWriterThreshold: options.WindowBytes / 2));
        var decoded = ContentDecoding.Wrap(pipe.Reader.AsStream(), contentEncoding, options.MaxDecodeDepth, out var error, out var chain);
        _window = new BodyWindow(engine, options, destinationHost, chain);
        if (error is not null)
        {
            _window.AddBodyFinding("unsupported-content-encoding", error);
            return;
        }

        if (chain is null)
        {
            // Identity: chunks go straight into the window, no pump and no copy through a pipe.
            return;
        }

        _pipe = pipe;
        _pump = Task.Run(() => PumpAsync(decoded!, _window, pipe.Reader));
    }

    /// <summary>
    /// True when the body is content-encoded: its findings are known only once the decompressor caught up, so a
    /// proxy must hold such a body until <see cref="CompleteAsync"/>. Identity bodies can be judged per chunk
    /// with <see cref="ScanAppended"/>.
    /// </summary>
    public bool IsEncoded => _pipe is not null;

    /// <summary>How many trailing bytes a later chunk can still complete a secret with (what a proxy must hold back).</summary>
    public int OverlapBytes => _window.OverlapBytes;

    /// <summary>
    /// For identity bodies: scans everything appended so far and returns the findings up to here (and whether the
    /// cap was passed), so each chunk is judged before it is forwarded; only the last <see cref="OverlapBytes"/>
    /// bytes can still change the verdict. Encoded bodies return what the decompressor has reached.
    /// </summary>
    public DlpScanResult ScanAppended()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        return _pipe is null ? _window.Checkpoint() : new DlpScanResult([], OverCap: false);
    }

    /// <summary>True once a finding was made; the proxy may stop forwarding early.</summary>
    public bool HasFindings => _window.HasFindings;

    /// <summary>Scans the next chunk of the body (as sent, still compressed if it is).</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_pipe is null)
        {
            _window.Write(chunk.Span);
            return;
        }

        // When the pump has stopped (cap reached or data corrupt) the write completes at once and is dropped.
        await _pipe.Writer.WriteAsync(chunk, cancellationToken);
    }

    /// <summary>Marks the end of the body and returns the verdict for all of it.</summary>
    public async ValueTask<DlpScanResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        if (_pipe is not null)
        {
            await _pipe.Writer.CompleteAsync();
            await _pump!.WaitAsync(cancellationToken);
        }

        return _window.Finish();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_pipe is not null)
        {
            await _pipe.Writer.CompleteAsync();
            try
            {
                await _pump!;
            }
            catch (OperationCanceledException)
            {
                // Disposal after a cancelled scan: the verdict was never read, nothing to report.
            }
        }

        _window.Dispose();
    }

    /// <summary>Reads a decoded stream into a window until it ends or the cap is reached; corrupt data is a finding.</summary>
    internal static async Task DrainAsync(Stream decoded, BodyWindow window, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            int read;
            while (!window.Capped && (read = await decoded.ReadAsync(buffer, cancellationToken)) > 0)
            {
                window.Write(buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException ex)
        {
            window.AddBodyFinding("undecodable-body", $"The body could not be decoded as its Content-Encoding says: {ex.Message}");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static async Task PumpAsync(Stream decoded, BodyWindow window, PipeReader reader)
    {
        try
        {
            await DrainAsync(decoded, window, CancellationToken.None);
        }
        finally
        {
            await decoded.DisposeAsync();
            // Completing the reader releases a writer blocked on back-pressure after an early stop.
            await reader.CompleteAsync();
        }
    }
}

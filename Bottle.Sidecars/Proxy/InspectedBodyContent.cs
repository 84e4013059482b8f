using System.Buffers;
using System.Net;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The request body as forwarded upstream: read from the client chunk by chunk, each chunk inspected before it
/// leaves, with the inspector's overlap held back until the next chunk was inspected. Nothing is buffered beyond
/// one read plus that overlap (or, when the inspection asks for it, the whole body up to its cap). A deny stops the copy with an <see cref="InspectionDeniedException"/>, which
/// aborts the upstream request so the upstream never sees a complete body.
/// </summary>
internal sealed class InspectedBodyContent : HttpContent
{
    private const int ReadSize = 64 * 1024;

    private readonly RequestBodyReader _body;
    private readonly IRequestInspection _inspection;
    private readonly int _overlap;
    private readonly long? _length;
    private int _started;

    public InspectedBodyContent(RequestBodyReader body, IRequestInspection inspection, int overlap, long? length)
    {
        _body = body;
        _inspection = inspection;
        _overlap = Math.Max(0, overlap);
        _length = length;
    }

    /// <summary>The body bytes that reached the upstream.</summary>
    public long BytesSent { get; private set; }

    /// <summary>The inspector's deny, once one stopped the body.</summary>
    public InspectionVerdict? Denied { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The body is read once off the client's connection; a handler retry would send a body missing its start.
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the streamed request body cannot be sent twice");
        }

        // The overlap is small, or "everything" (int.MaxValue) for bodies the inspector can only judge whole;
        // then the buffer grows with the body, which the inspector bounds by denying bodies over its cap.
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize + Math.Min(_overlap, ReadSize));
        try
        {
            var held = 0;
            while (true)
            {
                if (buffer.Length - held < ReadSize)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(buffer.Length * 2, held + ReadSize)));
                    buffer.AsSpan(0, held).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var n = await _body.ReadAsync(buffer.AsMemory(held, ReadSize), cancellationToken);
                if (n == 0)
                {
                    Check(await _inspection.CompleteBodyAsync(cancellationToken));
                    if (held > 0)
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, held), cancellationToken);
                        BytesSent += held;
                    }

                    return;
                }

                Check(await _inspection.InspectBodyAsync(buffer.AsMemory(held, n), cancellationToken));
                var total = held + n;
                var sendable = (int)Math.Max(0L, (long)total - _overlap);
                if (sendable > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, sendable), cancellationToken);
                    BytesSent += sendable;
                    buffer.AsSpan(sendable, total - sendable).CopyTo(buffer);
                }

                held = total - sendable;
            }
        }
        finally
        {
            // The held bytes may be a secret the inspector just denied: do not leave them in a shared pool array.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length ?? 0;
        return _length.HasValue;
    }

    private void Check(InspectionVerdict verdict)
    {
        if (!verdict.Allowed)
        {
            Denied = verdict;
            throw new InspectionDeniedException(verdict);
        }
    }
}

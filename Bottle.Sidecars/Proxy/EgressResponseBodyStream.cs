using System.Buffers;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The body of one response from egress, read off the link with its framing (Content-Length, chunked, or until
/// close). When it was read to its end on a keep-alive link, the link goes back to the pool; a body abandoned
/// part-way closes the link, because the rest of it would be read as the next response.
/// </summary>
internal sealed class EgressResponseBodyStream : Stream
{
    private readonly EgressLink _link;
    private readonly RequestBodyReader? _framed;
    private readonly bool _reusable;
    private readonly Action<EgressLink> _release;
    private bool _complete;
    private bool _disposed;

    public EgressResponseBodyStream(EgressLink link, BodyFraming framing, long contentLength, bool untilClose, bool reusable, Action<EgressLink> release)
    {
        _link = link;
        _framed = untilClose ? null : new RequestBodyReader(link.Reader, framing, contentLength);
        _reusable = reusable && !untilClose;
        _release = release;
        _complete = !untilClose && framing == BodyFraming.None;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_complete)
        {
            return 0;
        }

        int n;
        try
        {
            n = _framed is null ? await ReadUntilCloseAsync(buffer, cancellationToken) : await _framed.ReadAsync(buffer, cancellationToken);
        }
        catch (HttpProtocolException ex)
        {
            // A framing error here is egress's, not the agent's: report it as a broken upstream body.
            throw new IOException($"egress sent a malformed response body: {ex.Message}", ex);
        }

        if (n == 0)
        {
            _complete = true;
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_complete && _reusable)
        {
            _release(_link);
        }
        else
        {
            await _link.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask<int> ReadUntilCloseAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var result = await _link.Reader.ReadAsync(cancellationToken);
        var buffer = result.Buffer;
        if (buffer.IsEmpty && result.IsCompleted)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, destination.Length);
        buffer.Slice(0, n).CopyTo(destination.Span);
        _link.Reader.AdvanceTo(buffer.GetPosition(n));
        return n;
    }
}

namespace Bottle.Sidecars.Proxy;

/// <summary>A write-only stream that sends a request head just before the first body bytes (or at the end, for an empty body).</summary>
internal sealed class HeadFirstStream(Stream inner, byte[] head) : Stream
{
    private bool _headSent;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Sends the head if no body bytes did yet.</summary>
    public async ValueTask EnsureHeadSentAsync(CancellationToken cancellationToken)
    {
        if (!_headSent)
        {
            _headSent = true;
            await inner.WriteAsync(head, cancellationToken);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await EnsureHeadSentAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _headSent ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // The inner stream is the link's: it outlives one request.
    protected override void Dispose(bool disposing) => base.Dispose(false);
}

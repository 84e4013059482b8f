using System.Text;

namespace Bottle.Sidecars.Proxy;

/// <summary>A write-only stream that frames what is written as HTTP/1.1 chunks; <see cref="FinishAsync"/> writes the last chunk.</summary>
internal sealed class ChunkedRequestStream(Stream inner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return; // an empty chunk would end the body
        }

        await inner.WriteAsync(Encoding.ASCII.GetBytes($"{buffer.Length:X}\r\n"), cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        await inner.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Ends the body (only after all of it was written and allowed).</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken) => inner.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

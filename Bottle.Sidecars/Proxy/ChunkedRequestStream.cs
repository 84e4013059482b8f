using System.Text;

namespace Bottle.Sidecars.Proxy;

/// <summary>A write-only stream that frames what is written as HTTP/1.1 chunks; <see cref="FinishAsync"/> writes the last chunk.</summary>
internal sealed class ChunkedRequestStream(Stream inner) : WriteOnlyStream
{
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

    /// <summary>Ends the body (only after all of it was written and allowed).</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken) => inner.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}

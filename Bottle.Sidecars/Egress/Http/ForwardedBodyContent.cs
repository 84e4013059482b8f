using System.Net;

namespace Bottle.Sidecars.Egress.Http;

/// <summary>
/// The request body sent upstream: the prefix egress already read (and scanned for placeholders) followed by
/// the rest streamed from the source connection. Counts what it sends.
/// </summary>
internal sealed class ForwardedBodyContent(byte[] prefix, int prefixLength, RequestBodyStream? rest, long? bodyLength) : HttpContent
{
    /// <summary>Bytes written upstream so far.</summary>
    public long BytesSent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(prefix.AsMemory(0, prefixLength), cancellationToken);
        BytesSent = prefixLength;
        if (rest is null)
        {
            return;
        }

        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await rest.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            BytesSent += read;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = bodyLength ?? 0;
        return bodyLength is not null;
    }
}

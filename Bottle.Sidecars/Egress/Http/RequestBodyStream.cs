using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace Bottle.Sidecars.Egress.Http;

/// <summary>
/// A read-only stream over one request body on the source connection: either exactly <c>Content-Length</c>
/// bytes or a chunked body (decoded; trailers are read and dropped). It never reads past the body, so the
/// next request on the connection starts where it should.
/// </summary>
public sealed class RequestBodyStream : Stream
{
    private const int MaxChunkLine = 1024;
    private readonly PipeReader reader;
    private readonly bool chunked;
    private long remaining;
    private bool finished;

    private RequestBodyStream(PipeReader reader, long length, bool chunked)
    {
        this.reader = reader;
        this.chunked = chunked;
        remaining = length;
        finished = !chunked && length == 0;
    }

    /// <summary>A body of exactly <paramref name="length"/> bytes.</summary>
    public static RequestBodyStream FixedLength(PipeReader reader, long length) => new(reader, length, chunked: false);

    /// <summary>A chunked body.</summary>
    public static RequestBodyStream Chunked(PipeReader reader) => new(reader, 0, chunked: true);

    /// <summary>True once the whole body has been read.</summary>
    public bool IsFinished => finished;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (finished || buffer.IsEmpty)
        {
            return 0;
        }

        if (chunked && remaining == 0)
        {
            remaining = await ReadChunkSizeAsync(cancellationToken);
            if (remaining == 0)
            {
                await SkipTrailersAsync(cancellationToken);
                finished = true;
                return 0;
            }
        }

        var result = await reader.ReadAsync(cancellationToken);
        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted)
        {
            throw new BadRequestException("connection closed in the middle of a request body");
        }

        var count = (int)Math.Min(Math.Min(available.Length, remaining), buffer.Length);
        available.Slice(0, count).CopyTo(buffer.Span);
        reader.AdvanceTo(available.GetPosition(count));
        remaining -= count;
        if (remaining == 0)
        {
            if (chunked)
            {
                await ExpectCrlfAsync(cancellationToken);
            }
            else
            {
                finished = true;
            }
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads and discards what is left of the body, so the connection can carry the next request.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await ReadAsync(scratch, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async ValueTask<long> ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        var sizeText = line.AsSpan();
        var semicolon = sizeText.IndexOf((byte)';');
        if (semicolon >= 0)
        {
            sizeText = sizeText[..semicolon];
        }

        if (sizeText.Length is 0 or > 15 || !Utf8Parser.TryParse(sizeText, out long size, out var consumed, 'x') || consumed != sizeText.Length)
        {
            throw new BadRequestException("malformed chunk size line in a chunked request body");
        }

        return size;
    }

    private async ValueTask SkipTrailersAsync(CancellationToken cancellationToken)
    {
        while ((await ReadLineAsync(cancellationToken)).Length > 0)
        {
        }
    }

    private async ValueTask ExpectCrlfAsync(CancellationToken cancellationToken)
    {
        if ((await ReadLineAsync(cancellationToken)).Length != 0)
        {
            throw new BadRequestException("chunk data is not followed by CRLF in a chunked request body");
        }
    }

    private async ValueTask<byte[]> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var sequenceReader = new SequenceReader<byte>(result.Buffer);
            if (sequenceReader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
            {
                var bytes = line.ToArray();
                reader.AdvanceTo(sequenceReader.Position);
                return bytes;
            }

            if (result.Buffer.Length > MaxChunkLine || result.IsCompleted)
            {
                throw new BadRequestException("chunk line too long or connection closed inside a chunked request body");
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}

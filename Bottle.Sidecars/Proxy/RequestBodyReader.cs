using System.Buffers;
using System.IO.Pipelines;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// Reads one request body off the client's <see cref="PipeReader"/>, de-chunking strictly, and stops exactly at
/// the body's end so the next request on a keep-alive connection starts where it should.
/// </summary>
internal sealed class RequestBodyReader
{
    private const int MaxChunkLine = 1024;
    private const int MaxTrailerBytes = 8192;

    private readonly PipeReader _reader;
    private readonly BodyFraming _framing;
    private long _remaining;
    private bool _needChunkCrlf;

    public RequestBodyReader(PipeReader reader, BodyFraming framing, long contentLength)
    {
        _reader = reader;
        _framing = framing;
        _remaining = framing == BodyFraming.ContentLength ? contentLength : 0;
        IsComplete = framing == BodyFraming.None;
    }

    /// <summary>True once the whole body (with a chunked body's terminator and trailers) was consumed.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Reads up to <paramref name="destination"/>.Length body bytes; 0 at the end of the body.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (IsComplete)
        {
            return 0;
        }

        if (_framing == BodyFraming.Chunked && _remaining == 0)
        {
            if (_needChunkCrlf)
            {
                await ExpectCrlfAsync(cancellationToken);
                _needChunkCrlf = false;
            }

            _remaining = await ReadChunkSizeAsync(cancellationToken);
            if (_remaining == 0)
            {
                await SkipTrailersAsync(cancellationToken);
                IsComplete = true;
                return 0;
            }
        }

        var result = await _reader.ReadAsync(cancellationToken);
        var buffer = result.Buffer;
        if (buffer.IsEmpty && result.IsCompleted)
        {
            throw new HttpProtocolException("client closed the connection in the middle of the request body");
        }

        var n = (int)Math.Min(Math.Min(buffer.Length, _remaining), destination.Length);
        buffer.Slice(0, n).CopyTo(destination.Span);
        _reader.AdvanceTo(buffer.GetPosition(n));
        _remaining -= n;
        if (_remaining == 0)
        {
            if (_framing == BodyFraming.ContentLength)
            {
                IsComplete = true;
            }
            else
            {
                _needChunkCrlf = true;
            }
        }

        return n;
    }

    private async ValueTask ExpectCrlfAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(2, cancellationToken);
        if (line.Length != 0)
        {
            throw new HttpProtocolException("chunk data is not followed by CRLF");
        }
    }

    private async ValueTask<long> ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(MaxChunkLine, cancellationToken);
        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
        var hex = semicolon < 0 ? line : line[..semicolon];
        if (hex.Length is 0 or > 15 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new HttpProtocolException($"chunk size '{(hex.Length > 20 ? hex[..20] : hex)}' is not a hexadecimal number");
        }

        return Convert.ToInt64(hex, 16);
    }

    private async ValueTask SkipTrailersAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var line = await ReadLineAsync(MaxTrailerBytes, cancellationToken);
            if (line.Length == 0)
            {
                return;
            }

            total += line.Length;
            if (total > MaxTrailerBytes)
            {
                throw new HttpProtocolException($"chunked trailers exceed {MaxTrailerBytes} bytes");
            }
        }
    }

    // Reads one CRLF-terminated line (without the CRLF); a bare LF or CR inside is an error.
    private async ValueTask<string> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var position = buffer.PositionOf((byte)'\n');
            if (position is { } lf)
            {
                var lineWithCr = buffer.Slice(0, lf);
                if (lineWithCr.Length == 0 || lineWithCr.Length - 1 > maxLength)
                {
                    throw new HttpProtocolException("chunk framing line is malformed or too long");
                }

                var bytes = lineWithCr.ToArray();
                _reader.AdvanceTo(buffer.GetPosition(1, lf));
                if (bytes[^1] != (byte)'\r' || Array.IndexOf(bytes, (byte)'\r') != bytes.Length - 1)
                {
                    throw new HttpProtocolException("chunk framing line does not end with CRLF");
                }

                return System.Text.Encoding.Latin1.GetString(bytes, 0, bytes.Length - 1);
            }

            if (buffer.Length > maxLength + 2)
            {
                throw new HttpProtocolException("chunk framing line is too long");
            }

            if (result.IsCompleted)
            {
                throw new HttpProtocolException("client closed the connection in the middle of a chunked body");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}

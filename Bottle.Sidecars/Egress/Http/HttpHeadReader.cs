using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Bottle.Sidecars.Egress.Http;

/// <summary>
/// Reads one HTTP/1.1 request head from a pipe, strictly: CRLF line ends, no obsolete line folding, token
/// header names, a bounded size. Strictness here is what keeps egress and pipelock from disagreeing about
/// where one request ends and the next begins (request smuggling).
/// </summary>
public static class HttpHeadReader
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Reads a head; returns null when the peer closed the connection before sending any byte of one.</summary>
    public static async ValueTask<HttpRequestHead?> ReadAsync(PipeReader reader, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var end = Find(buffer);
            if (end is { } position)
            {
                var headBytes = buffer.Slice(0, position);
                var head = Parse(Encoding.Latin1.GetString(headBytes));
                reader.AdvanceTo(buffer.GetPosition(EndOfHead.Length, position));
                return head;
            }

            if (buffer.Length > maxBytes)
            {
                throw new BadRequestException($"request head is larger than {maxBytes} bytes");
            }

            if (result.IsCompleted)
            {
                if (buffer.IsEmpty)
                {
                    return null;
                }

                throw new BadRequestException("connection closed in the middle of a request head");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SequencePosition? Find(ReadOnlySequence<byte> buffer)
    {
        var sequenceReader = new SequenceReader<byte>(buffer);
        return sequenceReader.TryReadTo(out ReadOnlySequence<byte> _, EndOfHead, advancePastDelimiter: false)
            ? sequenceReader.Position
            : null;
    }

    private static HttpRequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0)
        {
            throw new BadRequestException($"malformed request line '{Printable(lines[0])}'");
        }

        if (requestLine[2] != "HTTP/1.1")
        {
            throw new BadRequestException($"unsupported protocol '{Printable(requestLine[2])}': egress speaks HTTP/1.1 only");
        }

        if (!IsToken(requestLine[0]))
        {
            throw new BadRequestException($"malformed method '{Printable(requestLine[0])}'");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
            {
                throw new BadRequestException($"malformed header line {i}: '{Printable(line)}'");
            }

            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new BadRequestException($"header '{line[..colon]}' holds a control character");
            }

            headers.Add(new(line[..colon], value));
        }

        return new HttpRequestHead(requestLine[0], requestLine[1], headers);
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    // Error messages quote the offending text; keep them short and free of control characters.
    private static string Printable(string text)
    {
        var clipped = text.Length > 80 ? text[..80] + "…" : text;
        return new string(clipped.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

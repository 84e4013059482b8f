using System.Buffers;
using System.Text;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// A strict HTTP/1.x request-head parser. Everything a lenient parser would "fix up" is rejected, because two
/// parsers disagreeing about where a request ends is how requests get smuggled past a proxy: bare LF or CR,
/// obsolete line folding, whitespace before the colon, control bytes, non-ASCII, duplicate or non-numeric
/// <c>Content-Length</c>, any <c>Transfer-Encoding</c> but a lone <c>chunked</c>, and both framings at once.
/// </summary>
internal static class HttpHeadParser
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>
    /// Parses a head from the start of <paramref name="buffer"/>. Returns false when more bytes are needed;
    /// on success slices the head (with its blank line) off <paramref name="buffer"/>.
    /// </summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxHeadBytes, int maxHeaders, out HttpRequestHead? head)
    {
        head = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd, advancePastDelimiter: true))
        {
            if (buffer.Length > maxHeadBytes)
            {
                throw new HttpProtocolException(431, $"request head is larger than {maxHeadBytes} bytes");
            }

            return false;
        }

        if (headBytes.Length + HeadEnd.Length > maxHeadBytes)
        {
            throw new HttpProtocolException(431, $"request head is larger than {maxHeadBytes} bytes");
        }

        var text = Encoding.Latin1.GetString(headBytes);
        buffer = buffer.Slice(reader.Position);
        head = Parse(text, maxHeaders);
        return true;
    }

    private static HttpRequestHead Parse(string text, int maxHeaders)
    {
        var lines = text.Split("\r\n");
        foreach (var line in lines)
        {
            foreach (var c in line)
            {
                if (c is '\r' or '\n' or '\0')
                {
                    throw new HttpProtocolException("request head holds a bare CR, LF or NUL; lines end with CRLF");
                }
            }
        }

        var (method, target, isHttp11) = ParseRequestLine(lines[0]);

        if (lines.Length - 1 > maxHeaders)
        {
            throw new HttpProtocolException(431, $"request has {lines.Length - 1} header fields; at most {maxHeaders} are allowed");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            headers.Add(ParseField(lines[i]));
        }

        var (framing, length) = DecideFraming(headers, isHttp11);
        var hosts = headers.Count(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase));
        if (hosts > 1 || (isHttp11 && hosts == 0))
        {
            throw new HttpProtocolException($"an HTTP/1.1 request carries exactly one Host header; this one has {hosts}");
        }

        return new HttpRequestHead(method, target, isHttp11, headers, framing, length);
    }

    private static (string Method, string Target, bool IsHttp11) ParseRequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new HttpProtocolException($"request line '{Shorten(line)}' is not 'METHOD SP target SP HTTP/1.1'");
        }

        if (!IsToken(parts[0]))
        {
            throw new HttpProtocolException($"method '{Shorten(parts[0])}' is not an HTTP token");
        }

        foreach (var c in parts[1])
        {
            if (c is <= ' ' or >= (char)0x7F)
            {
                throw new HttpProtocolException($"request target holds a forbidden character (0x{(int)c:X2})");
            }
        }

        var isHttp11 = parts[2] switch
        {
            "HTTP/1.1" => true,
            "HTTP/1.0" => false,
            _ => throw new HttpProtocolException(505, $"HTTP version '{Shorten(parts[2])}' is not supported; use HTTP/1.1"),
        };
        return (parts[0], parts[1], isHttp11);
    }

    private static KeyValuePair<string, string> ParseField(string line)
    {
        if (line.Length == 0 || line[0] is ' ' or '\t')
        {
            throw new HttpProtocolException("header block holds an empty or folded (obsolete line folding) line");
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new HttpProtocolException($"header line '{Shorten(line)}' has no field name followed by ':'");
        }

        var name = line[..colon];
        if (!IsToken(name))
        {
            throw new HttpProtocolException($"header name '{Shorten(name)}' is not an HTTP token (no spaces before ':')");
        }

        var value = line[(colon + 1)..].Trim(' ', '\t');
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c >= (char)0x7F)
            {
                throw new HttpProtocolException($"header '{name}' holds a control or non-ASCII byte (0x{(int)c:X2})");
            }
        }

        return new(name, value);
    }

    private static (BodyFraming Framing, long Length) DecideFraming(List<KeyValuePair<string, string>> headers, bool isHttp11)
    {
        string? transferEncoding = null;
        string? contentLength = null;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                if (transferEncoding is not null)
                {
                    throw new HttpProtocolException("request repeats Transfer-Encoding");
                }

                transferEncoding = value;
            }
            else if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength is not null)
                {
                    throw new HttpProtocolException("request repeats Content-Length");
                }

                contentLength = value;
            }
        }

        if (transferEncoding is not null && contentLength is not null)
        {
            throw new HttpProtocolException("request carries both Transfer-Encoding and Content-Length (a request-smuggling shape)");
        }

        if (transferEncoding is not null)
        {
            if (!isHttp11 || !string.Equals(transferEncoding, "chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new HttpProtocolException($"Transfer-Encoding '{Shorten(transferEncoding)}' is not supported; only HTTP/1.1 'chunked' is");
            }

            return (BodyFraming.Chunked, -1);
        }

        if (contentLength is not null)
        {
            if (contentLength.Length is 0 or > 18 || !contentLength.All(char.IsAsciiDigit))
            {
                throw new HttpProtocolException($"Content-Length '{Shorten(contentLength)}' is not a plain decimal number");
            }

            var length = long.Parse(contentLength, System.Globalization.CultureInfo.InvariantCulture);
            return length == 0 ? (BodyFraming.None, 0) : (BodyFraming.ContentLength, length);
        }

        return (BodyFraming.None, 0);
    }

    private static bool IsToken(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}

using System.Globalization;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// An HTTP/1.x response head from egress: its status, reason phrase and header fields, in order. Read by pipelock for
/// every forwarded request and by the <c>connect</c> verb for git-gate's ssh tunnels.
/// </summary>
/// <param name="Status">The status code.</param>
/// <param name="Reason">The reason phrase (may be empty).</param>
/// <param name="Headers">The header fields, names as sent.</param>
internal sealed record HttpResponseHead(int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Parses the head's text (without the blank line that ends it).</summary>
    /// <param name="text">The status line and header lines, separated by CRLF.</param>
    /// <param name="peer">Who sent it, for the error message (e.g. <c>egress</c>).</param>
    /// <exception cref="IOException">The status line or a header line is malformed.</exception>
    public static HttpResponseHead Parse(string text, string peer)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split("\r\n");
        var statusLine = lines[0];
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12 || statusLine[8] != ' '
            || !int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 100)
        {
            throw new IOException($"{peer} sent a malformed status line '{(statusLine.Length > 60 ? statusLine[..60] : statusLine)}'");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new IOException($"{peer} sent a malformed response header line");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return new HttpResponseHead(status, statusLine.Length > 13 ? statusLine[13..] : "", headers) { StatusLine = statusLine };
    }

    /// <summary>The status line as it was sent (<c>HTTP/1.1 403 Forbidden</c>).</summary>
    public string StatusLine { get; init; } = "";

    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Whether any header <paramref name="name"/> contains <paramref name="token"/> (case-insensitive).</summary>
    public bool HeaderContains(string name, string token) =>
        Headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && h.Value.Contains(token, StringComparison.OrdinalIgnoreCase));
}

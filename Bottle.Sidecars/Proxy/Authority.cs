using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Proxy;

/// <summary>A parsed <c>host[:port]</c> (IPv6 in brackets), host normalised as policy compares it.</summary>
internal readonly record struct Authority(string Host, int Port)
{
    /// <summary>The host as it goes into a URI (IPv6 in brackets).</summary>
    public string UriHost => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    public static bool TryParse(string text, int defaultPort, [NotNullWhen(true)] out Authority? authority)
    {
        authority = null;
        if (string.IsNullOrEmpty(text) || text.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[..(close + 1)];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }

        var number = defaultPort;
        if (port is not null && (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is 0 or > 65535))
        {
            return false;
        }

        var normalized = PolicyEvaluator.NormalizeHost(host);
        if (normalized.Length == 0 || number <= 0)
        {
            return false;
        }

        foreach (var c in normalized)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))
            {
                return false;
            }
        }

        authority = new Authority(normalized, number);
        return true;
    }
}

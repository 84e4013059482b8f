namespace Bottle.Sidecars.Proxy;

/// <summary>
/// A parsed, validated HTTP/1.x request head (request line and header fields), with its body framing decided.
/// </summary>
/// <param name="Method">The method token, as sent (methods are case-sensitive).</param>
/// <param name="Target">The request target, as sent (absolute, authority or origin form).</param>
/// <param name="IsHttp11">True for HTTP/1.1, false for HTTP/1.0.</param>
/// <param name="Headers">The header fields in order, values trimmed of optional whitespace.</param>
/// <param name="Framing">How the body is delimited.</param>
/// <param name="ContentLength">The body length when <paramref name="Framing"/> is <see cref="BodyFraming.ContentLength"/>.</param>
public sealed record HttpRequestHead(
    string Method,
    string Target,
    bool IsHttp11,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    BodyFraming Framing,
    long ContentLength)
{
    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True when a comma-separated header (e.g. <c>Connection</c>) lists <paramref name="token"/>.</summary>
    public bool HasToken(string name, string token)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(token);
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (string.Equals(part, token, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>True when the connection should stay open after this exchange (HTTP/1.1 without <c>close</c>).</summary>
    public bool KeepAlive => IsHttp11 && !HasToken("Connection", "close");
}

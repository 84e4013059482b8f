namespace Bottle.Sidecars.Egress.Http;

/// <summary>The request line and header fields of one HTTP/1.1 request, in arrival order.</summary>
/// <param name="Method">The method token, as sent (methods are case-sensitive).</param>
/// <param name="Target">The request target: absolute-form for forwarded requests, authority-form for CONNECT.</param>
/// <param name="Headers">Header fields with names as sent; values trimmed.</param>
public sealed record HttpRequestHead(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>All values of header <paramref name="name"/> (case-insensitive).</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>True when some <c>Connection</c> header lists <paramref name="token"/>.</summary>
    public bool ConnectionHas(string token) =>
        Values("Connection").SelectMany(v => v.Split(',')).Any(t => string.Equals(t.Trim(), token, StringComparison.OrdinalIgnoreCase));
}

namespace Bottle.Sidecars.Egress.Http;

/// <summary>Which headers belong to one hop only and are never forwarded (RFC 9110 §7.6.1, plus proxy leftovers).</summary>
internal static class HttpHeaderRules
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect",
    };

    /// <summary>True when <paramref name="name"/> is not forwarded, given the request's own <c>Connection</c> tokens.</summary>
    public static bool IsHopByHop(string name, IReadOnlyCollection<string> connectionTokens) =>
        HopByHop.Contains(name) || connectionTokens.Contains(name, StringComparer.OrdinalIgnoreCase);
}

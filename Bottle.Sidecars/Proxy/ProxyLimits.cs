namespace Bottle.Sidecars.Proxy;

/// <summary>The limits the proxy enforces on every client connection.</summary>
/// <param name="MaxHeadBytes">Largest request head (request line + headers) accepted.</param>
/// <param name="MaxHeaderCount">Most header fields accepted in one request.</param>
/// <param name="IdleTimeout">How long a connection may wait for the next request head.</param>
/// <param name="HandshakeTimeout">How long a client may take for the TLS handshake after CONNECT.</param>
public sealed record ProxyLimits(int MaxHeadBytes, int MaxHeaderCount, TimeSpan IdleTimeout, TimeSpan HandshakeTimeout)
{
    /// <summary>32 KiB heads, 100 fields, 2 minutes idle, 10 seconds to handshake.</summary>
    public static ProxyLimits Default { get; } = new(32 * 1024, 100, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));
}

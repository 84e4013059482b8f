namespace Bottle.Sidecars.Hosting;

/// <summary>What <c>bottle-sidecars connect &lt;proxy-host:port&gt; &lt;host&gt; &lt;port&gt;</c> tunnels to, and through which proxy.</summary>
/// <param name="ProxyHost">The HTTP CONNECT proxy's host (egress's address on the sidecar network).</param>
/// <param name="ProxyPort">The proxy's port.</param>
/// <param name="Host">The destination host, as ssh's <c>%h</c> gives it (egress resolves it and applies its policy).</param>
/// <param name="Port">The destination port (<c>%p</c>).</param>
public sealed record ConnectTarget(string ProxyHost, int ProxyPort, string Host, int Port)
{
    /// <summary>The CONNECT request target: <c>host:port</c>, an IPv6 literal in brackets.</summary>
    public string Authority => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

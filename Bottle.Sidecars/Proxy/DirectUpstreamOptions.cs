using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Sidecars.Proxy;

/// <summary>Options of the <see cref="DirectUpstreamConnector"/>.</summary>
public sealed class DirectUpstreamOptions
{
    /// <summary>
    /// A CA trusted in addition to the system store (e.g. a test upstream's CA). Null trusts the system store only.
    /// </summary>
    public X509Certificate2? ExtraTrustedCa { get; init; }

    /// <summary>
    /// Names resolved to a fixed endpoint instead of through DNS (tests point a name at a loopback upstream).
    /// Only these names may reach loopback, private or link-local addresses by name.
    /// </summary>
    public IReadOnlyDictionary<string, IPEndPoint> HostOverrides { get; init; } = new Dictionary<string, IPEndPoint>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a TCP connect may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pooled upstream connection lives before it is replaced (so DNS changes are seen).</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);
}

using System.Net;

namespace Bottle.Sidecars.Net;

/// <summary>
/// A fixed name-to-address map, like a hosts file. Tests and benchmarks use it to reach loopback servers by
/// name; names it does not know do not resolve (it never falls back to DNS, so a test cannot leak a lookup).
/// </summary>
public sealed class StaticHostResolver(IReadOnlyDictionary<string, IPAddress[]> map) : IHostResolver
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return ValueTask.FromResult<IReadOnlyList<IPAddress>>(
            map.TryGetValue(host.ToLowerInvariant().TrimEnd('.'), out var addresses) ? addresses : []);
    }
}

using System.Net;

namespace Bottle.Sidecars.Net;

/// <summary>Resolves names with the operating system's resolver (inside the egress container: its own DNS).</summary>
public sealed class SystemHostResolver : IHostResolver
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return await Dns.GetHostAddressesAsync(host, cancellationToken);
    }
}

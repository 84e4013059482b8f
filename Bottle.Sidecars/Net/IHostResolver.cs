using System.Net;

namespace Bottle.Sidecars.Net;

/// <summary>Turns a host name into addresses. Egress resolves names itself, through this seam only.</summary>
public interface IHostResolver
{
    /// <summary>Resolves <paramref name="host"/>; returns no addresses (or throws) when the name does not resolve.</summary>
    ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// Where the admin endpoint listens: the roles' admin addresses (the sidecar network, which the agent is not on)
/// and loopback, so <c>bottle-sidecars probe</c> (the container healthcheck) finds it inside the container. Never the
/// agent-facing address: binding all addresses would put <c>/metrics</c> on git-gate's and pipelock's agent side.
/// Only a config that itself names <c>0.0.0.0</c> (or <c>::</c>) gets all addresses.
/// </summary>
internal static class AdminListeners
{
    /// <summary>The addresses to bind for <paramref name="roleAddresses"/>: loopback first, then each other address once.</summary>
    public static IReadOnlyList<IPAddress> For(IEnumerable<IPAddress> roleAddresses)
    {
        ArgumentNullException.ThrowIfNull(roleAddresses);
        var addresses = roleAddresses.ToList();
        if (addresses.Any(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)))
        {
            return [IPAddress.IPv6Any];
        }

        return [IPAddress.Loopback, .. addresses.Where(a => !IPAddress.IsLoopback(a)).Distinct()];
    }

    /// <summary>Adds one Kestrel listener per address of <see cref="For"/> on <paramref name="port"/>.</summary>
    public static void Listen(KestrelServerOptions kestrel, IEnumerable<IPAddress> roleAddresses, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        foreach (var address in For(roleAddresses))
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                kestrel.ListenAnyIP(port);
            }
            else
            {
                kestrel.Listen(address, port);
            }
        }
    }
}

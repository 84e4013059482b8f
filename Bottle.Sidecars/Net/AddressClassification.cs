using System.Net;

namespace Bottle.Sidecars.Net;

/// <summary>The category of an address and the range that put it there (null for <see cref="AddressCategory.Public"/>).</summary>
/// <param name="Address">The address as classified: IPv4-mapped and IPv4-embedding IPv6 forms are reduced to the IPv4 address.</param>
/// <param name="Category">What kind of destination it is.</param>
/// <param name="Range">The forbidden range that matched, for messages and audit lines.</param>
public sealed record AddressClassification(IPAddress Address, AddressCategory Category, IPNetwork? Range)
{
    /// <summary>True when the address is anything but a public unicast destination.</summary>
    public bool IsForbidden => Category != AddressCategory.Public;
}

using System.Net;
using System.Net.Sockets;

namespace Bottle.Sidecars.Net;

/// <summary>
/// Classifies IP addresses into the ranges the bottle must not reach. IPv6 forms that carry an IPv4 address
/// (IPv4-mapped <c>::ffff:a.b.c.d</c>, IPv4-compatible <c>::a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>, 6to4
/// <c>2002::/16</c>) are judged by the IPv4 address inside, because that is where the packet ends up.
/// </summary>
public static class AddressClassifier
{
    // Order matters: the first match wins, so the narrow metadata entries precede link-local.
    private static readonly (IPNetwork Range, AddressCategory Category)[] V4 =
    [
        (IPNetwork.Parse("169.254.169.254/32"), AddressCategory.Metadata),
        (IPNetwork.Parse("0.0.0.0/8"), AddressCategory.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressCategory.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressCategory.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressCategory.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressCategory.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressCategory.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressCategory.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressCategory.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), AddressCategory.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressCategory.Reserved),
    ];

    private static readonly (IPNetwork Range, AddressCategory Category)[] V6 =
    [
        (IPNetwork.Parse("::/128"), AddressCategory.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressCategory.Loopback),
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressCategory.Metadata),
        (IPNetwork.Parse("fe80::/10"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressCategory.UniqueLocal),
        (IPNetwork.Parse("fc00::/7"), AddressCategory.UniqueLocal),
        (IPNetwork.Parse("ff00::/8"), AddressCategory.Multicast),
        (IPNetwork.Parse("100::/64"), AddressCategory.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressCategory.Reserved),
        // Teredo tunnels to an arbitrary IPv4 relay; ORCHID and the rest of 2001::/23 are not destinations.
        (IPNetwork.Parse("2001::/23"), AddressCategory.Reserved),
        (IPNetwork.Parse("::/96"), AddressCategory.Reserved),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Classifies <paramref name="address"/>; see the type remarks for how embedded IPv4 is handled.</summary>
    public static AddressClassification Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var effective = Normalize(address);
        var table = effective.AddressFamily == AddressFamily.InterNetwork ? V4 : V6;
        foreach (var (range, category) in table)
        {
            if (range.Contains(effective))
            {
                return new AddressClassification(effective, category, range);
            }
        }

        return new AddressClassification(effective, AddressCategory.Public, null);
    }

    /// <summary>
    /// Reduces an IPv6 address that carries an IPv4 destination to that IPv4 address (and drops any scope id);
    /// returns other addresses unchanged. Both classification and CIDR checks use this form.
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Nat64.Contains(address) || IsIPv4Compatible(bytes))
        {
            return new IPAddress(bytes[12..]);
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes[2..6]);
        }

        return address.ScopeId == 0 ? address : new IPAddress(bytes);
    }

    // ::a.b.c.d (deprecated IPv4-compatible form); :: and ::1 are not IPv4 and stay IPv6.
    private static bool IsIPv4Compatible(ReadOnlySpan<byte> bytes) =>
        !bytes[..12].ContainsAnyExcept((byte)0) && (bytes[12] | bytes[13]) != 0;
}

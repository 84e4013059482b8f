namespace Bottle.Sidecars.Net;

/// <summary>What kind of destination an IP address is, as far as the bottle's egress is concerned.</summary>
public enum AddressCategory
{
    /// <summary>A globally routable unicast address: the only kind egress dials without an explicit rule.</summary>
    Public,

    /// <summary><c>0.0.0.0/8</c> and <c>::</c>: "this host / this network"; dialling it reaches the local machine.</summary>
    Unspecified,

    /// <summary><c>127.0.0.0/8</c>, <c>::1</c>.</summary>
    Loopback,

    /// <summary><c>169.254.0.0/16</c>, <c>fe80::/10</c> (except the metadata addresses).</summary>
    LinkLocal,

    /// <summary>Cloud instance metadata: <c>169.254.169.254</c>, <c>fd00:ec2::254</c>.</summary>
    Metadata,

    /// <summary>RFC 1918: <c>10/8</c>, <c>172.16/12</c>, <c>192.168/16</c>.</summary>
    Private,

    /// <summary>RFC 6598 carrier-grade NAT: <c>100.64.0.0/10</c>.</summary>
    SharedAddressSpace,

    /// <summary>IPv6 unique-local <c>fc00::/7</c> and the deprecated site-local <c>fec0::/10</c>.</summary>
    UniqueLocal,

    /// <summary><c>224.0.0.0/4</c>, <c>ff00::/8</c>.</summary>
    Multicast,

    /// <summary><c>255.255.255.255</c>.</summary>
    Broadcast,

    /// <summary>Ranges that are never a real internet destination: reserved, documentation, benchmarking, IETF protocol space.</summary>
    Reserved,
}

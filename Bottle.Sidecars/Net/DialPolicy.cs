using System.Net;

namespace Bottle.Sidecars.Net;

/// <summary>
/// Which addresses egress may dial: public unicast addresses, plus forbidden ranges that a manifest rule names
/// explicitly (<paramref name="AllowedCidrs"/>). The bottle's own subnets are refused even then: nothing leaves
/// the bottle only to come back in through a side door.
/// </summary>
/// <param name="AllowedCidrs">CIDRs named by allow rules; they make otherwise forbidden addresses dialable.</param>
/// <param name="BottleSubnets">The bottle's own networks (agent, sidecar); never dialable.</param>
public sealed record DialPolicy(IReadOnlyList<IPNetwork> AllowedCidrs, IReadOnlyList<IPNetwork> BottleSubnets)
{
    /// <summary>Public addresses only.</summary>
    public static DialPolicy PublicOnly { get; } = new([], []);

    /// <summary>Returns null when <paramref name="address"/> may be dialled, otherwise why not.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var classification = AddressClassifier.Classify(address);
        var effective = classification.Address;
        foreach (var subnet in BottleSubnets)
        {
            if (subnet.Contains(effective))
            {
                return $"{address} is inside the bottle's own subnet {subnet}";
            }
        }

        if (!classification.IsForbidden)
        {
            return null;
        }

        foreach (var cidr in AllowedCidrs)
        {
            if (cidr.Contains(effective))
            {
                return null;
            }
        }

        return $"{address} is {classification.Category} ({classification.Range}) and no rule names that range";
    }
}

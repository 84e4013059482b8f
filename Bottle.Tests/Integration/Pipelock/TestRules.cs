using System.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>Short ways to write allow rules in tests (the contract record is the one format; this only fills defaults).</summary>
internal static class TestRules
{
    public static EgressRule Host(string host, int[]? ports = null, string[]? methods = null, string[]? paths = null, string? credential = null) =>
        new(HostPattern.Parse(host), null, ports ?? [443], methods ?? [], paths ?? [], credential);

    public static EgressRule Cidr(string cidr, int[]? ports = null) =>
        new(null, IPNetwork.Parse(cidr), ports ?? [443], [], [], null);
}

using System.Net;

namespace Bottle.Sidecars.Policy;

/// <summary>
/// One allow rule of the egress policy: a destination (host pattern or, for IP literals, a CIDR), the ports,
/// methods and path prefixes allowed there, and the credential that may be injected for it.
/// Empty <see cref="Methods"/> or <see cref="PathPrefixes"/> mean "any". The policy is default-deny: a request
/// is allowed only when some rule covers it.
/// </summary>
/// <param name="Host">The destination name pattern; null when the rule names a <paramref name="Cidr"/>.</param>
/// <param name="Cidr">The destination address range for IP-literal destinations; null when the rule names a host.</param>
/// <param name="Ports">Allowed destination ports (never empty; the manifest defaults it to 443).</param>
/// <param name="Methods">Allowed HTTP methods in upper case; empty allows any method.</param>
/// <param name="PathPrefixes">Allowed path prefixes (each starts with '/'); empty allows any path.</param>
/// <param name="Credential">The name of the manifest credential egress may inject on this rule, if any.</param>
public sealed record EgressRule(
    HostPattern? Host,
    IPNetwork? Cidr,
    IReadOnlyList<int> Ports,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> PathPrefixes,
    string? Credential)
{
    /// <summary>The ports used when a manifest rule names none.</summary>
    public static IReadOnlyList<int> DefaultPorts { get; } = [443];

    /// <summary>What the rule allows, for logs and deny hints (e.g. <c>api.example.com:443 GET,POST /v1/</c>).</summary>
    public string Describe()
    {
        var target = Host?.Value ?? Cidr?.ToString() ?? "?";
        var methods = Methods.Count == 0 ? "*" : string.Join(',', Methods);
        var paths = PathPrefixes.Count == 0 ? "/" : string.Join(',', PathPrefixes);
        return $"{target}:{string.Join(',', Ports)} {methods} {paths}";
    }
}

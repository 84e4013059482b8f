using System.Net;

namespace Bottle.Sidecars.Policy;

/// <summary>
/// Judges destinations and requests against an <see cref="EgressPolicy"/>: default deny; a host must be named by
/// a rule (exact or <c>*.suffix</c>), an IP literal must fall in a rule's CIDR; then port, method and path prefix
/// must be allowed by one and the same rule. Pure and allocation-light: called once or twice per request.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>
    /// Judges a destination alone (a <c>CONNECT host:port</c>): allowed when some rule covers the host and port,
    /// whatever its methods and paths.
    /// </summary>
    public static PolicyDecision EvaluateDestination(EgressPolicy policy, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(host);
        return Evaluate(policy, host, port, method: null, normalizedPath: null);
    }

    /// <summary>
    /// Judges an opaque tunnel (egress's <c>CONNECT</c>, where methods and paths are invisible): allowed only by a
    /// rule for the host and port that restricts neither methods nor paths, so a tunnel never widens a rule.
    /// </summary>
    public static PolicyDecision EvaluateTunnel(EgressPolicy policy, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(host);
        var open = new EgressPolicy([.. policy.Rules.Where(r => r.Methods.Count == 0 && r.PathPrefixes.Count == 0)], policy.Version);
        var decision = Evaluate(open, host, port, method: null, normalizedPath: null);
        var any = decision.Allowed ? decision : Evaluate(policy, host, port, method: null, normalizedPath: null);
        return decision.Allowed || !any.Allowed
            ? decision
            : PolicyDecision.Deny(DenyReasons.PathNotAllowed, $"a rule limiting methods or paths cannot be tunnelled ({any.Rule!.Describe()})", any.Rule);
    }

    /// <summary>
    /// Judges a full request. <paramref name="normalizedPath"/> must come from <see cref="RequestPath.TryNormalize"/>.
    /// </summary>
    public static PolicyDecision EvaluateRequest(EgressPolicy policy, string method, string host, int port, string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return Evaluate(policy, host, port, method, normalizedPath);
    }

    /// <summary>Lower-cases a host and strips a trailing dot and IPv6 brackets, the form policy compares.</summary>
    public static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var h = host.Trim();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        return h.TrimEnd('.').ToLowerInvariant();
    }

    private static PolicyDecision Evaluate(EgressPolicy policy, string rawHost, int port, string? method, string? normalizedPath)
    {
        var host = NormalizeHost(rawHost);
        var isIp = IPAddress.TryParse(host, out var address);

        var forHost = new List<EgressRule>();
        foreach (var rule in policy.Rules)
        {
            var covers = isIp
                ? rule.Cidr is { } cidr && address!.AddressFamily == cidr.BaseAddress.AddressFamily && cidr.Contains(address)
                : rule.Host is { } pattern && pattern.Matches(host);
            if (covers)
            {
                forHost.Add(rule);
            }
        }

        if (forHost.Count == 0)
        {
            return isIp
                ? PolicyDecision.Deny(DenyReasons.IpLiteral, "IP-literal destinations are allowed only when a rule names their CIDR; use the host name")
                : PolicyDecision.Deny(DenyReasons.HostNotAllowed, $"no rule allows host '{host}'");
        }

        var hint = "allowed for this host: " + string.Join("; ", forHost.Select(r => r.Describe()));

        var onPort = forHost.Where(r => r.Ports.Contains(port)).ToList();
        if (onPort.Count == 0)
        {
            return PolicyDecision.Deny(DenyReasons.PortNotAllowed, hint, forHost[0]);
        }

        if (method is null)
        {
            return PolicyDecision.Allow(onPort[0]);
        }

        var withMethod = onPort.Where(r => r.Methods.Count == 0 || r.Methods.Contains(method, StringComparer.Ordinal)).ToList();
        if (withMethod.Count == 0)
        {
            return PolicyDecision.Deny(DenyReasons.MethodNotAllowed, hint, onPort[0]);
        }

        foreach (var rule in withMethod)
        {
            if (rule.PathPrefixes.Count == 0 || rule.PathPrefixes.Any(p => RequestPath.IsUnder(normalizedPath!, p)))
            {
                return PolicyDecision.Allow(rule);
            }
        }

        return PolicyDecision.Deny(DenyReasons.PathNotAllowed, hint, withMethod[0]);
    }
}

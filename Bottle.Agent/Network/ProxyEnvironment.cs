using Bottle.Agent.Shim;

namespace Bottle.Agent.Network;

/// <summary>
/// The proxy variables of the child: every HTTP(S) request goes to pipelock, so <c>HTTP_PROXY</c>,
/// <c>HTTPS_PROXY</c> and their lower-case twins (curl reads only <c>http_proxy</c> in lower case) must all
/// name the same proxy. Values the plan passed are kept; missing ones are filled from the others (or from
/// <c>--proxy</c>); two different proxies are an error, as is none at all: the bottle has no other way out.
/// <c>NO_PROXY</c>/<c>no_proxy</c> get the union of what was given plus loopback and git-gate's host (git
/// talks to git-gate directly, on the agent network).
/// </summary>
public static class ProxyEnvironment
{
    /// <summary>The proxy variables, in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> ProxyVariables = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

    /// <summary>The no-proxy variables.</summary>
    public static readonly IReadOnlyList<string> NoProxyVariables = ["NO_PROXY", "no_proxy"];

    private static readonly string[] Loopback = ["localhost", "127.0.0.1"];

    /// <summary>Checks and completes the proxy variables of <paramref name="environment"/>; returns the proxy URL.</summary>
    /// <param name="environment">The child's environment, updated in place.</param>
    /// <param name="proxy">The proxy from <c>--proxy</c>/<c>BOTTLE_PROXY</c>, or null.</param>
    /// <param name="noProxy">Extra no-proxy entries, comma separated, or null.</param>
    /// <param name="directHosts">Hosts reached without the proxy (git-gate), added to the no-proxy list.</param>
    /// <exception cref="ShimFailureException">No proxy, proxies that disagree, or a proxy that is not an <c>http://host:port</c> URL.</exception>
    public static Uri Apply(IDictionary<string, string> environment, string? proxy, string? noProxy, IEnumerable<string> directHosts)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(directHosts);
        var given = ProxyVariables
            .Select(name => (Source: name, Value: environment.TryGetValue(name, out var v) ? v.Trim() : string.Empty))
            .Append((Source: "--proxy", Value: proxy?.Trim() ?? string.Empty))
            .Where(p => p.Value.Length > 0)
            .ToList();
        if (given.Count == 0)
        {
            throw new ShimFailureException(
                "no proxy is set (HTTPS_PROXY, HTTP_PROXY, --proxy or BOTTLE_PROXY): the bottle reaches the outside only through pipelock");
        }

        var distinct = given.Select(p => p.Value).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
        {
            throw new ShimFailureException(
                "the proxy variables disagree (" + string.Join(", ", given.Select(p => $"{p.Source}={p.Value}")) + "); every one must name pipelock");
        }

        var url = ParseProxy(distinct[0], given[0].Source);
        foreach (var name in ProxyVariables)
        {
            environment[name] = distinct[0];
        }

        var entries = NoProxyVariables
            .Select(name => environment.TryGetValue(name, out var v) ? v : null)
            .Append(noProxy)
            .SelectMany(list => (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(Loopback)
            .Concat(directHosts)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var joined = string.Join(',', entries);
        foreach (var name in NoProxyVariables)
        {
            environment[name] = joined;
        }

        return url;
    }

    private static Uri ParseProxy(string value, string source)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.Host.Length == 0)
        {
            throw new ShimFailureException($"proxy '{value}' ({source}) is not an http://host:port URL (pipelock is a plain HTTP proxy)");
        }

        if (url.AbsolutePath is not ("/" or "") || url.Query.Length > 0)
        {
            throw new ShimFailureException($"proxy '{value}' ({source}) has a path or query; a proxy URL is only http://host:port");
        }

        return url;
    }
}

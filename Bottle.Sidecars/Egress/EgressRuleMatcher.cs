using System.Net;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// Egress's own check of the allow rules (defence in depth: pipelock checked first). A host name matches host
/// rules; an IP literal matches CIDR rules. For a CONNECT tunnel, where methods and paths are invisible, only a
/// rule that restricts neither may match.
/// </summary>
public static class EgressRuleMatcher
{
    /// <summary>The first rule that allows the request, or null.</summary>
    /// <param name="rules">The allow rules.</param>
    /// <param name="host">The destination host (name or IP literal).</param>
    /// <param name="port">The destination port.</param>
    /// <param name="method">The method; null for a tunnel.</param>
    /// <param name="path">The path (without query); null for a tunnel.</param>
    public static EgressRule? Find(IReadOnlyList<EgressRule> rules, string host, int port, string? method, string? path)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(host);
        var literal = IPAddress.TryParse(host.Trim('[', ']'), out var address) ? AddressClassifier.Normalize(address) : null;
        foreach (var rule in rules)
        {
            var destination = literal is null
                ? rule.Host?.Matches(host) == true
                : rule.Cidr is { } cidr && cidr.Contains(literal);
            if (!destination || !rule.Ports.Contains(port))
            {
                continue;
            }

            if (method is null || path is null)
            {
                if (rule.Methods.Count == 0 && rule.PathPrefixes.Count == 0)
                {
                    return rule;
                }

                continue;
            }

            if ((rule.Methods.Count == 0 || rule.Methods.Contains(method, StringComparer.Ordinal))
                && (rule.PathPrefixes.Count == 0 || rule.PathPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal))))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="path"/> is in canonical form, otherwise why not. Dot segments and encoded
    /// slashes, dots or backslashes would let a path pass a prefix check here and mean something else upstream.
    /// </summary>
    public static string? NonCanonicalPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            return $"path '{path}' does not start with '/'";
        }

        if (path.Contains('\\', StringComparison.Ordinal)
            || path.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%2e", StringComparison.OrdinalIgnoreCase))
        {
            return $"path '{path}' holds an encoded or backward slash or an encoded dot";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"path '{path}' holds a dot segment";
            }
        }

        return null;
    }
}

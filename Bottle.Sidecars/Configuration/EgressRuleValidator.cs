using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// Checks allow rules read from a config file for what their JSON types do not say: exactly one of host or cidr, ports 1-65535, upper-case method names, canonical path prefixes.
/// </summary>
public static class EgressRuleValidator
{
    /// <summary>Null when every rule is valid; otherwise the first problem, named by its JSON path under <paramref name="name"/>.</summary>
    public static string? Validate(IReadOnlyList<EgressRule> rules, string name)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < rules.Count; i++)
        {
            var error = Validate(rules[i], $"{name}[{i}]");
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Validate(EgressRule rule, string at)
    {
        if (rule is null)
        {
            return $"{at}: a rule is an object with 'host' or 'cidr'";
        }

        if ((rule.Host is null) == (rule.Cidr is null))
        {
            return $"{at}: a rule names exactly one of 'host' or 'cidr'";
        }

        if (rule.Ports.Count == 0)
        {
            return $"{at}.ports: is empty; a rule needs at least one port (443 by default)";
        }

        for (var p = 0; p < rule.Ports.Count; p++)
        {
            if (rule.Ports[p] is < 1 or > 65535)
            {
                return $"{at}.ports[{p}]: port {rule.Ports[p]} is not a number from 1 to 65535";
            }
        }

        for (var m = 0; m < rule.Methods.Count; m++)
        {
            var method = rule.Methods[m];
            if (string.IsNullOrEmpty(method) || !method.All(char.IsAsciiLetterUpper))
            {
                return $"{at}.methods[{m}]: method '{method}' is not an upper-case HTTP method name like GET";
            }
        }

        for (var p = 0; p < rule.PathPrefixes.Count; p++)
        {
            var text = rule.PathPrefixes[p];
            if (text is null || text.Contains('?', StringComparison.Ordinal) || !RequestPath.TryNormalize(text, out var path, out _, out _)
                || path.TrimEnd('/') != text.TrimEnd('/'))
            {
                return $"{at}.pathPrefixes[{p}]: path prefix '{text}' is not a plain canonical path starting with '/'";
            }
        }

        return null;
    }
}

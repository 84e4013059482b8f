using System.Text.Json;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// Reads a sidecar's <c>--config</c> file: one of the contract records (<see cref="PipelockConfig"/>,
/// <see cref="EgressConfig"/>, <see cref="GitGateConfig"/>) in <see cref="SidecarConfigJson"/>'s shape, then checks
/// what JSON alone cannot (rule ports, methods, paths, CIDR host bits). Strict, because a typo in a security policy
/// must not silently widen or narrow it: every problem is a <see cref="SidecarConfigException"/> naming the file and
/// the line and column (syntax, types, unknown keys) or the JSON path (<c>rules[2].ports[0]</c>) of the bad value.
/// </summary>
public static class SidecarConfigFile
{
    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    public static T Load<T>(string path)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SidecarConfigException($"config '{path}' cannot be read: {ex.Message}", ex);
        }

        return Parse<T>(text, path);
    }

    /// <summary>Parses and validates config text; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(string json, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(json))
        {
            // What a half-written file looks like: never read it as "no rules".
            throw new SidecarConfigException($"{source}: the config is empty; expected a {typeof(T).Name} JSON object");
        }

        T config;
        try
        {
            config = SidecarConfigJson.Deserialize<T>(json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{source}:{line + 1}:{(ex.BytePositionInLine ?? 0) + 1}" : source;
            var at = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" (at {ex.Path})";
            throw new SidecarConfigException($"{where}: {FirstSentence(ex.Message)}{at}", ex);
        }

        var error = config switch
        {
            PipelockConfig p => EgressRuleValidator.Validate(p.Rules, "rules") ?? Listen(p.Proxy, "proxy") ?? Listen(p.Admin, "admin"),
            EgressConfig e => EgressRuleValidator.Validate(e.Rules, "rules") ?? EgressRuleValidator.Validate(e.GitGateRules, "gitGateRules")
                ?? Listen(e.Proxy, "proxy") ?? Listen(e.Admin, "admin"),
            GitGateConfig g => Listen(g.Http, "http") ?? Listen(g.Admin, "admin"),
            _ => null,
        };
        return error is null ? config : throw new SidecarConfigException($"{source}: {error}");
    }

    private static string? Listen(ListenEndpoint endpoint, string name) =>
        !System.Net.IPAddress.TryParse(endpoint.Address, out _) ? $"{name}.address: '{endpoint.Address}' is not an IP address"
        : endpoint.Port is < 0 or > 65535 ? $"{name}.port: {endpoint.Port} is not a port number (0-65535)"
        : null;

    // System.Text.Json appends its own "Path: ... | LineNumber: ..." to messages; we say where ourselves.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}

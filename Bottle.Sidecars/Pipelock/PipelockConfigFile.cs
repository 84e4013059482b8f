using System.Globalization;
using System.Net;
using System.Text;
using Bottle.Sidecars.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// Reads and writes <c>pipelock.yaml</c>, the policy file the orchestrator renders from the manifest's
/// <c>egress.allow</c>:
/// <code>
/// allow:
///   - host: api.example.com      # exact name, or *.suffix
///     ports: [443]               # default [443]
///     methods: [GET, POST]       # default: any
///     paths: [/v1/]              # default: any
///     credential: example-token  # optional
///   - cidr: 203.0.113.0/24       # IP-literal destinations
/// </code>
/// Parsing is strict (unknown keys, wrong types and bad values are errors naming file, line and column) because a
/// typo in a security policy must not silently widen or narrow it. <c>allow: []</c> is a valid deny-all policy;
/// an empty file is not (it is what a half-written file looks like).
/// </summary>
public static class PipelockConfigFile
{
    private static readonly HashSet<string> RuleKeys = ["host", "cidr", "ports", "methods", "paths", "credential"];

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    public static IReadOnlyList<EgressRule> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelockConfigException($"pipelock config '{path}' cannot be read: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates config text; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<EgressRule> Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new PipelockConfigException($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PipelockConfigException($"{source}: the config is empty or not a mapping; a deny-all policy is written 'allow: []'");
        }

        var rules = new List<EgressRule>();
        YamlSequenceNode? allow = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, source, "key");
            if (key != "allow")
            {
                throw new PipelockConfigException($"{Where(source, keyNode)}: unknown key '{key}'; the only top-level key is 'allow'");
            }

            allow = value as YamlSequenceNode ?? throw new PipelockConfigException($"{Where(source, value)}: 'allow' must be a list of rules");
        }

        if (allow is null)
        {
            throw new PipelockConfigException($"{source}: no 'allow' list; a deny-all policy is written 'allow: []'");
        }

        foreach (var item in allow.Children)
        {
            rules.Add(ParseRule(item, source));
        }

        return rules;
    }

    /// <summary>Renders <paramref name="rules"/> as config text that <see cref="Parse"/> reads back to the same rules.</summary>
    public static string Serialize(IReadOnlyList<EgressRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return "allow: []\n";
        }

        var sb = new StringBuilder("allow:\n");
        foreach (var rule in rules)
        {
            sb.Append(rule.Host is { } host ? $"  - host: \"{host.Value}\"\n" : $"  - cidr: \"{rule.Cidr}\"\n");
            sb.Append("    ports: [").Append(string.Join(", ", rule.Ports)).Append("]\n");
            if (rule.Methods.Count > 0)
            {
                sb.Append("    methods: [").Append(string.Join(", ", rule.Methods)).Append("]\n");
            }

            if (rule.PathPrefixes.Count > 0)
            {
                sb.Append("    paths: [").Append(string.Join(", ", rule.PathPrefixes.Select(p => $"\"{p}\""))).Append("]\n");
            }

            if (rule.Credential is { } credential)
            {
                sb.Append("    credential: \"").Append(credential).Append("\"\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes <paramref name="rules"/> to <paramref name="path"/> atomically (temp file in the same folder, then
    /// rename), so a reader sees the old file or the new one, never a part.
    /// </summary>
    public static void WriteAtomically(string path, IReadOnlyList<EgressRule> rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Serialize(rules));
        File.Move(temp, path, overwrite: true);
    }

    private static EgressRule ParseRule(YamlNode node, string source)
    {
        if (node is not YamlMappingNode map)
        {
            throw new PipelockConfigException($"{Where(source, node)}: a rule is a mapping with 'host' or 'cidr'");
        }

        HostPattern? host = null;
        IPNetwork? cidr = null;
        IReadOnlyList<int> ports = EgressRule.DefaultPorts;
        IReadOnlyList<string> methods = [];
        IReadOnlyList<string> paths = [];
        string? credential = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Scalar(keyNode, source, "key");
            var at = Where(source, value);
            switch (key)
            {
                case "host":
                    host = HostPattern.TryParse(Scalar(value, source, "host"), out var pattern, out var error)
                        ? pattern
                        : throw new PipelockConfigException($"{at}: {error}");
                    break;
                case "cidr":
                    var cidrText = Scalar(value, source, "cidr");
                    cidr = IPNetwork.TryParse(cidrText, out var network) && HasNoHostBits(cidrText, network)
                        ? network
                        : throw new PipelockConfigException($"{at}: cidr '{cidrText}' is not an address range like '203.0.113.0/24' (host bits must be zero)");
                    break;
                case "ports":
                    ports = List(value, source, "ports").Select(p => ParsePort(p, source)).Distinct().ToArray();
                    break;
                case "methods":
                    methods = List(value, source, "methods").Select(m => ParseMethod(m, source)).Distinct().ToArray();
                    break;
                case "paths":
                    paths = List(value, source, "paths").Select(p => ParsePath(p, source)).Distinct().ToArray();
                    break;
                case "credential":
                    credential = Scalar(value, source, "credential");
                    break;
                default:
                    throw new PipelockConfigException($"{Where(source, keyNode)}: unknown rule key '{key}'; expected one of {string.Join(", ", RuleKeys)}");
            }
        }

        if ((host is null) == (cidr is null))
        {
            throw new PipelockConfigException($"{Where(source, node)}: a rule names exactly one of 'host' or 'cidr'");
        }

        if (ports.Count == 0)
        {
            throw new PipelockConfigException($"{Where(source, node)}: 'ports' is empty; leave it out for the default [443]");
        }

        return new EgressRule(host, cidr, ports, methods, paths, credential);
    }

    // IPNetwork quietly masks '10.0.0.1/8' to 10.0.0.0/8; an author who wrote that may have meant one host, so refuse.
    private static bool HasNoHostBits(string text, IPNetwork network) =>
        IPAddress.TryParse(text.Split('/')[0], out var written) && written.Equals(network.BaseAddress);

    private static int ParsePort(YamlScalarNode node, string source) =>
        int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new PipelockConfigException($"{Where(source, node)}: port '{node.Value}' is not a number from 1 to 65535");

    private static string ParseMethod(YamlScalarNode node, string source)
    {
        var method = node.Value ?? "";
        return method.Length > 0 && method.All(char.IsAsciiLetter)
            ? method.ToUpperInvariant()
            : throw new PipelockConfigException($"{Where(source, node)}: method '{method}' is not an HTTP method name like GET");
    }

    private static string ParsePath(YamlScalarNode node, string source)
    {
        var text = node.Value ?? "";
        if (text.Contains('?', StringComparison.Ordinal) || !RequestPath.TryNormalize(text, out var path, out _, out var error))
        {
            throw new PipelockConfigException($"{Where(source, node)}: path prefix '{text}' is not a plain path starting with '/'");
        }

        // Keep the author's trailing slash: '/v1/' and '/v1' are both meaningful prefixes.
        return text.EndsWith('/') && !path.EndsWith('/') ? path + "/" : path;
    }

    private static IEnumerable<YamlScalarNode> List(YamlNode node, string source, string what)
    {
        if (node is YamlScalarNode single)
        {
            return [single];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new PipelockConfigException($"{Where(source, node)}: '{what}' must be a list");
        }

        return sequence.Children.Select(c => c as YamlScalarNode ?? throw new PipelockConfigException($"{Where(source, c)}: '{what}' holds a non-scalar item"));
    }

    private static string Scalar(YamlNode node, string source, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw new PipelockConfigException($"{Where(source, node)}: '{what}' must be a non-empty text value");

    private static string Where(string source, YamlNode node) => $"{source}:{node.Start.Line}:{node.Start.Column}";
}

using Bottle.AppHost.Manifest.Yaml;

namespace Bottle.AppHost.Manifest;

/// <summary>A mapping of the manifest checked against the keys it may hold; unknown and duplicate keys are reported on creation.</summary>
internal sealed class ManifestFields
{
    private readonly Dictionary<string, YamlTreeNode> values = new(StringComparer.Ordinal);

    public ManifestFields(YamlTreeMapping mapping, string path, IReadOnlyCollection<string> allowedKeys, Action<YamlTreeNode, string, string> error)
    {
        Node = mapping;
        Path = path;
        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = Child(key.Value);
            if (!allowedKeys.Contains(key.Value))
            {
                error(key, keyPath, $"unknown key '{key.Value}' (expected one of: {string.Join(", ", allowedKeys)})");
            }
            else if (!values.TryAdd(key.Value, value))
            {
                error(key, keyPath, $"duplicate key '{key.Value}'");
            }
        }
    }

    /// <summary>The mapping itself, where "missing key" errors point.</summary>
    public YamlTreeMapping Node { get; }

    /// <summary>The mapping's YAML path.</summary>
    public string Path { get; }

    /// <summary>The path of a key in this mapping.</summary>
    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value at <paramref name="key"/>; null when absent or explicitly null.</summary>
    public YamlTreeNode? this[string key] =>
        values.TryGetValue(key, out var node) && node is not YamlTreeScalar { IsNull: true } ? node : null;

    /// <summary>True when <paramref name="key"/> holds a value.</summary>
    public bool Has(string key) => this[key] is not null;
}

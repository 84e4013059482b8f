namespace Bottle.AppHost.Manifest.Yaml;

/// <summary>A node of a parsed YAML document with the 1-based position it starts at.</summary>
internal abstract record YamlTreeNode(int Line, int Column)
{
    /// <summary>What kind of value this is, for "expected X, found Y" messages.</summary>
    public abstract string Kind { get; }
}

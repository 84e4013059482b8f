namespace Bottle.AppHost.Manifest.Yaml;

/// <summary>
/// A mapping with its entries in document order. Duplicate keys are kept (not rejected while parsing) so the
/// manifest reader can report each of them alongside every other error.
/// </summary>
internal sealed record YamlTreeMapping(IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries, int Line, int Column)
    : YamlTreeNode(Line, Column)
{
    public override string Kind => "a mapping";
}

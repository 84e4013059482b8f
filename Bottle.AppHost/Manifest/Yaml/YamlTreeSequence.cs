namespace Bottle.AppHost.Manifest.Yaml;

/// <summary>A sequence (<c>[a, b]</c> or a block list).</summary>
internal sealed record YamlTreeSequence(IReadOnlyList<YamlTreeNode> Items, int Line, int Column) : YamlTreeNode(Line, Column)
{
    public override string Kind => "a list";
}

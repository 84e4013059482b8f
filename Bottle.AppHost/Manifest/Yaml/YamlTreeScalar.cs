namespace Bottle.AppHost.Manifest.Yaml;

/// <summary>A scalar. <see cref="IsPlain"/> is false for quoted and block scalars, which are never null.</summary>
internal sealed record YamlTreeScalar(string Value, bool IsPlain, int Line, int Column) : YamlTreeNode(Line, Column)
{
    /// <summary>True for plain <c>~</c>, <c>null</c> or nothing at all (<c>key:</c>).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => IsNull ? "nothing (null)" : "a scalar";
}

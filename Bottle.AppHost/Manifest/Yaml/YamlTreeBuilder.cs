using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Bottle.AppHost.Manifest.Yaml;

/// <summary>
/// Builds a <see cref="YamlTreeNode"/> tree from YamlDotNet's event parser. We do not use YamlDotNet's
/// representation model because it throws at the first duplicate key, and the manifest reports all errors at once.
/// Anchors, aliases and complex keys are refused: a manifest is plain data.
/// </summary>
internal static class YamlTreeBuilder
{
    /// <summary>Parses one YAML document; null when the text holds no document.</summary>
    /// <exception cref="YamlException">The text is not YAML, or uses a feature manifests refuse.</exception>
    public static YamlTreeNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            throw new YamlException(second.Start, second.End, "a manifest is one YAML document; found a second one ('---')");
        }

        parser.Consume<StreamEnd>();
        return root;
    }

    private static YamlTreeNode ReadNode(IParser parser)
    {
        var start = parser.Current ?? throw new YamlException("unexpected end of the document");
        if (start is NodeEvent { Anchor.IsEmpty: false } || start is AnchorAlias)
        {
            throw new YamlException(start.Start, start.End, "anchors and aliases (&name, *name) are not supported in manifests");
        }

        switch (start)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlTreeScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Line, (int)scalar.Start.Column);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlTreeNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser));
                }

                return new YamlTreeSequence(items, (int)start.Start.Line, (int)start.Start.Column);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current;
                    if (ReadNode(parser) is not YamlTreeScalar key)
                    {
                        throw new YamlException(keyEvent!.Start, keyEvent.End, "mapping keys must be plain text");
                    }

                    entries.Add(new(key, ReadNode(parser)));
                }

                return new YamlTreeMapping(entries, (int)start.Start.Line, (int)start.Start.Column);
            default:
                throw new YamlException(start.Start, start.End, $"unexpected YAML event {start.GetType().Name}");
        }
    }
}

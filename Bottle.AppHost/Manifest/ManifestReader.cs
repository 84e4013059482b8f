using System.Globalization;
using Bottle.AppHost.Manifest.Yaml;

namespace Bottle.AppHost.Manifest;

/// <summary>
/// Turns a YAML tree into a <see cref="BottleManifest"/>, collecting every error instead of stopping at the first.
/// This part holds the typed value readers; the sections live in the other <c>ManifestReader.*.cs</c> files.
/// </summary>
internal sealed partial class ManifestReader(string manifestPath)
{
    private readonly List<ManifestError> errors = [];
    private readonly string baseDirectory = System.IO.Path.GetDirectoryName(manifestPath) ?? "/";

    public IReadOnlyList<ManifestError> Errors => errors;

    private void Error(YamlTreeNode at, string path, string message) => errors.Add(new(path, at.Line, at.Column, message));

    private void Missing(ManifestFields fields, string key) =>
        Error(fields.Node, fields.Child(key), $"'{key}' is required");

    private ManifestFields? Fields(YamlTreeNode? node, string path, params string[] keys)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeMapping mapping)
        {
            Error(node, path, $"expected a mapping, found {node.Kind}");
            return null;
        }

        return new ManifestFields(mapping, path, keys, Error);
    }

    private ManifestFields? Fields(ManifestFields parent, string key, params string[] keys) =>
        Fields(parent[key], parent.Child(key), keys);

    private YamlTreeScalar? Scalar(ManifestFields fields, string key, bool required = false)
    {
        var node = fields[key];
        if (node is null)
        {
            if (required)
            {
                Missing(fields, key);
            }

            return null;
        }

        if (node is YamlTreeScalar scalar)
        {
            return scalar;
        }

        Error(node, fields.Child(key), $"expected a single value, found {node.Kind}");
        return null;
    }

    private string? String(ManifestFields fields, string key, bool required = false)
    {
        var scalar = Scalar(fields, key, required);
        if (scalar is not null && scalar.Value.Length == 0)
        {
            Error(scalar, fields.Child(key), "must not be empty");
            return null;
        }

        return scalar?.Value;
    }

    private int? Int(ManifestFields fields, string key, int min, int max) =>
        Scalar(fields, key) is { } scalar ? Int(scalar, fields.Child(key), min, max) : null;

    private int? Int(YamlTreeNode node, string path, int min, int max)
    {
        if (node is YamlTreeScalar scalar && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }

            Error(node, path, $"{value} is out of range ({min} to {max})");
            return null;
        }

        Error(node, path, $"expected a whole number, found {Describe(node)}");
        return null;
    }

    private double? Number(ManifestFields fields, string key, double minExclusive, double max)
    {
        if (Scalar(fields, key) is not { } scalar)
        {
            return null;
        }

        if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value > minExclusive && value <= max)
            {
                return value;
            }

            Error(scalar, fields.Child(key), $"{scalar.Value} is out of range (more than {minExclusive}, at most {max})");
            return null;
        }

        Error(scalar, fields.Child(key), $"expected a number, found {Describe(scalar)}");
        return null;
    }

    private bool? Bool(ManifestFields fields, string key)
    {
        if (Scalar(fields, key) is not { } scalar)
        {
            return null;
        }

        switch (scalar.Value)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(scalar, fields.Child(key), $"expected true or false, found {Describe(scalar)}");
                return null;
        }
    }

    private long? Size(ManifestFields fields, string key)
    {
        if (Scalar(fields, key) is not { } scalar)
        {
            return null;
        }

        if (ByteSize.TryParse(scalar.Value, out var bytes, out var error))
        {
            return bytes;
        }

        Error(scalar, fields.Child(key), error);
        return null;
    }

    private TEnum? Enum<TEnum>(ManifestFields fields, string key)
        where TEnum : struct, Enum
    {
        if (Scalar(fields, key) is not { } scalar)
        {
            return null;
        }

        var names = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        if (names.Contains(scalar.Value, StringComparer.Ordinal))
        {
            return System.Enum.Parse<TEnum>(scalar.Value, ignoreCase: true);
        }

        Error(scalar, fields.Child(key), $"'{scalar.Value}' is not one of: {string.Join(", ", names)}");
        return null;
    }

    /// <summary>A list of items; each item comes with its path (<c>key[i]</c>).</summary>
    private List<(YamlTreeNode Node, string Path)>? List(ManifestFields fields, string key)
    {
        var node = fields[key];
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeSequence sequence)
        {
            Error(node, fields.Child(key), $"expected a list, found {node.Kind}");
            return null;
        }

        return [.. sequence.Items.Select((item, i) => (item, $"{fields.Child(key)}[{i}]"))];
    }

    /// <summary>A list of non-empty strings; wrong items are reported and skipped.</summary>
    private List<(string Value, YamlTreeNode Node, string Path)>? Strings(ManifestFields fields, string key)
    {
        if (List(fields, key) is not { } items)
        {
            return null;
        }

        var result = new List<(string, YamlTreeNode, string)>();
        foreach (var (node, path) in items)
        {
            if (node is YamlTreeScalar { IsNull: false } scalar && scalar.Value.Length > 0)
            {
                result.Add((scalar.Value, node, path));
            }
            else
            {
                Error(node, path, $"expected a non-empty text value, found {Describe(node)}");
            }
        }

        return result;
    }

    /// <summary>Reports each value after the first that equals an earlier one (by <paramref name="comparer"/>).</summary>
    private void RejectDuplicates<T>(IEnumerable<(T Value, YamlTreeNode Node, string Path)> items, string what, IEqualityComparer<T>? comparer = null)
    {
        var seen = new HashSet<T>(comparer);
        foreach (var (value, node, path) in items)
        {
            if (!seen.Add(value))
            {
                Error(node, path, $"duplicate {what} '{value}'");
            }
        }
    }

    /// <summary>
    /// Resolves a manifest path against the manifest's folder. <c>~/</c> paths stay as written: the home folder is
    /// the launching user's, looked up at launch, so the manifest (and plan) does not depend on who validated it.
    /// </summary>
    private string ResolvePath(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? path : System.IO.Path.GetFullPath(path, baseDirectory);

    private static string Describe(YamlTreeNode node) =>
        node is YamlTreeScalar { IsNull: false } scalar ? $"'{scalar.Value}'" : node.Kind;
}

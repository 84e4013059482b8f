using Bottle.AppHost.Manifest.Yaml;
using YamlDotNet.Core;

namespace Bottle.AppHost.Manifest;

/// <summary>Loads and validates bottle manifests. Reads the manifest file and nothing else (no credential, no CA file).</summary>
public static class ManifestLoader
{
    /// <summary>Reads and validates the manifest at <paramref name="path"/> (shown in errors as given).</summary>
    public static async Task<ManifestLoadResult> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ManifestLoadResult(null, [new ManifestError(string.Empty, 1, 1, $"cannot read the manifest: {e.Message}")], path);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Validates manifest <paramref name="text"/>. <paramref name="displayPath"/> names it in errors, and its folder
    /// is where relative paths in the manifest are resolved from.
    /// </summary>
    public static ManifestLoadResult Parse(string text, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        YamlTreeNode? root;
        try
        {
            root = YamlTreeBuilder.Parse(text);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? $"{e.Message}: {inner.Message}" : e.Message;
            return new ManifestLoadResult(null, [new ManifestError(string.Empty, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {message}")], displayPath);
        }

        if (root is null)
        {
            return new ManifestLoadResult(null, [new ManifestError(string.Empty, 1, 1, "the manifest is empty")], displayPath);
        }

        var reader = new ManifestReader(Path.GetFullPath(displayPath));
        var manifest = reader.Read(root);
        var errors = reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ManifestLoadResult(errors.Count == 0 ? manifest : null, errors, displayPath);
    }
}

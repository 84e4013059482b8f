namespace Bottle.AppHost.Manifest;

/// <summary>One thing wrong with a manifest, with where it is.</summary>
/// <param name="Path">The YAML path of the offending value (<c>egress.allow[2].host</c>); empty for the whole document.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record ManifestError(string Path, int Line, int Column, string Message)
{
    /// <summary>The error as one line: <c>file:line:column: path: message</c>.</summary>
    public string Format(string displayPath) =>
        Path.Length == 0 ? $"{displayPath}:{Line}:{Column}: {Message}" : $"{displayPath}:{Line}:{Column}: {Path}: {Message}";
}

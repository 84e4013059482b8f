namespace Bottle.AppHost.Manifest;

/// <summary>The outcome of loading a manifest: the manifest, or every error found (never both).</summary>
/// <param name="Manifest">The manifest when there were no errors.</param>
/// <param name="Errors">Every error, in document order.</param>
/// <param name="DisplayPath">The path as the user gave it, for error lines.</param>
public sealed record ManifestLoadResult(BottleManifest? Manifest, IReadOnlyList<ManifestError> Errors, string DisplayPath)
{
    /// <summary>True when the manifest loaded without errors.</summary>
    public bool Succeeded => Manifest is not null && Errors.Count == 0;

    /// <summary>Each error as one <c>file:line:column: path: message</c> line.</summary>
    public IEnumerable<string> FormatErrors() => Errors.Select(e => e.Format(DisplayPath));
}

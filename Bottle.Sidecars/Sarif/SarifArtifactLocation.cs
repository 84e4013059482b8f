namespace Bottle.Sidecars.Sarif;

/// <summary>A file, as a URI reference relative to the repository root.</summary>
public sealed record SarifArtifactLocation(string Uri);

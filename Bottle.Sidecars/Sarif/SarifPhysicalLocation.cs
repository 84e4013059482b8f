namespace Bottle.Sidecars.Sarif;

/// <summary>A file and a region in it.</summary>
public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

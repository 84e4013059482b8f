namespace Bottle.Sidecars.Sarif;

/// <summary>Where a result is.</summary>
public sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation);

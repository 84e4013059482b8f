namespace Bottle.Sidecars.Sarif;

/// <summary>A region of a file; only the start line is used.</summary>
public sealed record SarifRegion(int StartLine);

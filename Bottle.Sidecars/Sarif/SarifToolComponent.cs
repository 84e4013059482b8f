namespace Bottle.Sidecars.Sarif;

/// <summary>The tool's driver: its name, version, and the rules its results refer to.</summary>
public sealed record SarifToolComponent(string Name, string? Version, string? InformationUri, IReadOnlyList<SarifReportingDescriptor> Rules);

namespace Bottle.Sidecars.Sarif;

/// <summary>One run of one tool and the results it produced.</summary>
public sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifResult> Results);

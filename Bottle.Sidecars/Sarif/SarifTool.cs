namespace Bottle.Sidecars.Sarif;

/// <summary>The tool that produced a run.</summary>
public sealed record SarifTool(SarifToolComponent Driver);

namespace Bottle.Sidecars.Sarif;

/// <summary>A SARIF message (plain text).</summary>
public sealed record SarifMessage(string Text);

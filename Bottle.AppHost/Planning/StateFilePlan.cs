namespace Bottle.AppHost.Planning;

/// <summary>A file in the bottle's state directory.</summary>
/// <param name="Path">Relative to the state directory.</param>
/// <param name="Mode">Octal permission bits, e.g. <c>0600</c>.</param>
/// <param name="Purpose">What it holds.</param>
public sealed record StateFilePlan(string Path, string Mode, string Purpose);

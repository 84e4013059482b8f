namespace Bottle.Sidecars.Pipelock;

/// <summary>The outcome of a policy reload.</summary>
/// <param name="Applied">True when the new policy is now in force.</param>
/// <param name="Version">The policy version in force after the attempt.</param>
/// <param name="RuleCount">The rule count in force after the attempt.</param>
/// <param name="Error">Why the file was rejected (the old policy stays); null when applied.</param>
public sealed record PolicyReloadResult(bool Applied, long Version, int RuleCount, string? Error);

namespace Bottle.Sidecars.Policy;

/// <summary>
/// One immutable, fully validated egress policy: the allow rules and a version that grows with every reload.
/// The proxy reads it through a <see cref="PolicyStore"/>, which swaps whole snapshots, so a request is always
/// judged by exactly one complete policy.
/// </summary>
/// <param name="Rules">The allow rules (default deny: an empty list allows nothing).</param>
/// <param name="Version">The snapshot's version, 1 for the first policy loaded.</param>
public sealed record EgressPolicy(IReadOnlyList<EgressRule> Rules, long Version)
{
    /// <summary>The policy that allows nothing; a proxy with no valid config uses it (fail closed).</summary>
    public static EgressPolicy DenyAll { get; } = new([], 0);
}

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// An inspector's answer: allow, or deny with a reason, the rule that fired and the ids of the findings.
/// A deny never carries the matched secret itself, only ids (and whatever redacted form the rule id implies).
/// </summary>
/// <param name="Allowed">False blocks the request.</param>
/// <param name="Reason">Why (shown to the agent); null when allowed.</param>
/// <param name="Rule">The id of the rule that fired; null when allowed.</param>
/// <param name="FindingIds">Ids of the findings, for the audit line; empty when allowed.</param>
public sealed record InspectionVerdict(bool Allowed, string? Reason, string? Rule, IReadOnlyList<string> FindingIds)
{
    /// <summary>The shared "nothing found" verdict.</summary>
    public static InspectionVerdict Allow { get; } = new(true, null, null, []);

    /// <summary>A deny by <paramref name="rule"/> with <paramref name="findingIds"/>.</summary>
    public static InspectionVerdict Deny(string reason, string rule, params IReadOnlyList<string> findingIds) =>
        new(false, reason, rule, findingIds);
}

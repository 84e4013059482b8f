namespace Bottle.Sidecars.Policy;

/// <summary>
/// The outcome of evaluating one destination or request against an <see cref="EgressPolicy"/>.
/// </summary>
/// <param name="Allowed">True when some rule covers the request.</param>
/// <param name="Reason">Null when allowed; otherwise one of <see cref="DenyReasons"/>.</param>
/// <param name="Rule">The rule that allowed the request, or for a deny the closest rule for that host (if any).</param>
/// <param name="Hint">For a deny, what <em>is</em> allowed for that host (rule descriptions), so the agent can adapt.</param>
public sealed record PolicyDecision(bool Allowed, string? Reason, EgressRule? Rule, string? Hint)
{
    /// <summary>An allow by <paramref name="rule"/>.</summary>
    public static PolicyDecision Allow(EgressRule rule) => new(true, null, rule, null);

    /// <summary>A deny with a reason code and a hint.</summary>
    public static PolicyDecision Deny(string reason, string? hint, EgressRule? rule = null) => new(false, reason, rule, hint);
}

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>The gate's answer to a push: accepted (and already on the real remote) or rejected, with the lines the pusher sees.</summary>
/// <param name="Accepted">True when the push reached the real remote and the mirror may take it.</param>
/// <param name="Messages">Lines shown to the pusher as <c>remote:</c> output.</param>
/// <param name="Reason">Why it was rejected, as an audit reason code (<c>ref-policy</c>, <c>secret-found</c>, ...); null when accepted.</param>
/// <param name="Findings">The blocking findings, if the scan found any.</param>
public sealed record PushVerdict(bool Accepted, IReadOnlyList<string> Messages, string? Reason = null, IReadOnlyList<Scanning.PushFinding>? Findings = null)
{
    /// <summary>A rejection with the given lines.</summary>
    public static PushVerdict Reject(string reason, params string[] messages) => new(false, messages, reason);
}

namespace Bottle.Sidecars.Egress;

/// <summary>What the credential check decided for one request.</summary>
/// <param name="Headers">The headers to send upstream (with real values in place of bound placeholders); empty when blocked.</param>
/// <param name="Injected">The names of the credentials injected.</param>
/// <param name="Refusal">Why the request is an exfiltration attempt; null when it may go.</param>
public sealed record InjectionDecision(
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Injected,
    string? Refusal)
{
    /// <summary>True when the request must be blocked.</summary>
    public bool IsBlocked => Refusal is not null;
}

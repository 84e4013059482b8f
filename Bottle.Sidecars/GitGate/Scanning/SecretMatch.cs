namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>One secret the scanner found in a text.</summary>
/// <param name="RuleId">The rule's stable id (e.g. <c>aws-access-key-id</c>).</param>
/// <param name="RuleDescription">What the rule detects, in words.</param>
/// <param name="Index">Offset of the match in the scanned text.</param>
/// <param name="Length">Length of the match (0 when the scanner does not say).</param>
/// <param name="Redacted">The match with the secret part masked; the only form that is ever shown or stored.</param>
/// <param name="Fingerprint">A stable id of this secret under this rule, for allowlists (never the secret itself).</param>
public sealed record SecretMatch(string RuleId, string RuleDescription, int Index, int Length, string Redacted, string Fingerprint);

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>A secret found in a pushed commit. Holds only the redacted match, never the secret.</summary>
/// <param name="RuleId">The detecting rule's id.</param>
/// <param name="RuleDescription">What the rule detects.</param>
/// <param name="Commit">The full id of the commit that adds the line (or whose message holds it).</param>
/// <param name="Path">The file path in the repository, or <see cref="CommitMessagePath"/> for the commit message.</param>
/// <param name="Line">The 1-based line in the new file (or in the message).</param>
/// <param name="Redacted">The redacted match.</param>
/// <param name="Fingerprint">The secret's fingerprint, the key of the per-remote allowlist.</param>
public sealed record PushFinding(
    string RuleId,
    string RuleDescription,
    string Commit,
    string Path,
    int Line,
    string Redacted,
    string Fingerprint)
{
    /// <summary>The path used for findings in a commit message (the name Gerrit uses for it).</summary>
    public const string CommitMessagePath = "COMMIT_MSG";
}

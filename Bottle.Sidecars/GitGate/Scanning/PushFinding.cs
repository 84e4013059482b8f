namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>A secret found in a pushed commit. Holds only the redacted match, never the secret.</summary>
/// <param name="RuleId">The detecting rule's id.</param>
/// <param name="RuleDescription">What the rule detects.</param>
/// <param name="Commit">The full id of the commit that adds the line (or whose message holds it); for <see cref="TagMessagePath"/>, the annotated tag object's id.</param>
/// <param name="Path">The file path in the repository, <see cref="CommitMessagePath"/> for a commit message, or <see cref="TagMessagePath"/> for an annotated tag.</param>
/// <param name="Line">The 1-based line in the new file (or in the message, or in the tag object as <c>git cat-file tag</c> prints it).</param>
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

    /// <summary>The path used for findings in an annotated tag's text (tag name, tagger line, message).</summary>
    public const string TagMessagePath = "TAG_MSG";

    /// <summary>True when the finding is in an annotated tag rather than a commit.</summary>
    public bool IsInTag => Path == TagMessagePath;
}

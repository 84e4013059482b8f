namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>What scanning a push's new commits found.</summary>
/// <param name="Commits">How many new commits were scanned.</param>
/// <param name="Findings">Secrets that block the push (after inline suppression and the allowlist).</param>
/// <param name="Allowlisted">Findings accepted by the remote's fingerprint allowlist or an allowed inline marker.</param>
/// <param name="BinaryFiles">Files skipped as binary, as <c>commit:path</c>.</param>
/// <param name="DiffCharacters">Size of the diff text read.</param>
/// <param name="OverSizeCap">True when the diff was larger than the cap: the push fails closed, unscanned.</param>
/// <param name="Tags">How many annotated tag objects were scanned.</param>
public sealed record PushScanResult(
    int Commits,
    IReadOnlyList<PushFinding> Findings,
    IReadOnlyList<PushFinding> Allowlisted,
    IReadOnlyList<string> BinaryFiles,
    long DiffCharacters,
    bool OverSizeCap,
    int Tags = 0);

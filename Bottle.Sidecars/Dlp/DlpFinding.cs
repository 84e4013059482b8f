namespace Bottle.Sidecars.Dlp;

/// <summary>
/// One secret found by a DLP scan. It never holds the secret itself: <see cref="Redacted"/> shows a short prefix
/// and a fingerprint (the first 12 hex digits of the SHA-256 of the secret), enough to recognise a known leak
/// and to correlate findings across logs without echoing the secret.
/// </summary>
/// <param name="RuleId">The id of the rule that matched (e.g. <c>github-pat</c>).</param>
/// <param name="Description">What the rule finds, for people reading a deny or an audit line.</param>
/// <param name="Severity">How bad a leak of this kind is.</param>
/// <param name="Location">Where the secret was found.</param>
/// <param name="Name">The header name, or the caller's label for scanned text (e.g. a file path); null for URL and body.</param>
/// <param name="Offset">
/// The character (for bodies: byte) offset of the secret in the scanned input; for a secret found inside a decoded
/// layer (percent-encoding, base64, hex), the offset where that encoded data begins.
/// </param>
/// <param name="Redacted">A short prefix, an ellipsis and the fingerprint, e.g. <c>ghp_Ab…sha256:1f2e3d4c5b6a</c>.</param>
/// <param name="Fingerprint">The first 12 hex digits of the SHA-256 of the secret (UTF-8).</param>
/// <param name="Encoding">The decoding chain that revealed the secret (e.g. <c>gzip+base64</c>); null when found as sent.</param>
public sealed record DlpFinding(
    string RuleId,
    string Description,
    DlpSeverity Severity,
    DlpLocation Location,
    string? Name,
    long Offset,
    string Redacted,
    string Fingerprint,
    string? Encoding)
{
    /// <summary>The 1-based line of the finding, for text scans; null for requests.</summary>
    public int? Line { get; init; }
}

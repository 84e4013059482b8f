namespace Bottle.Sidecars.Configuration;

/// <summary>
/// An extra secret-detection rule, gitleaks-like. The manifest loader has already checked that
/// <see cref="Regex"/> compiles with <c>RegexOptions.NonBacktracking</c> and that <see cref="SecretGroup"/> exists.
/// </summary>
/// <param name="Id">Unique rule id (<c>[a-z0-9-]</c>), reported in findings.</param>
/// <param name="Description">What the rule finds, for people.</param>
/// <param name="Regex">The pattern, for <c>RegexOptions.NonBacktracking</c>.</param>
/// <param name="Keywords">Cheap pre-filter: the rule runs only on text holding one of these (empty: always runs).</param>
/// <param name="Entropy">Minimum Shannon entropy (bits per character) of the secret group, if any.</param>
/// <param name="SecretGroup">The regex group that is the secret (0: the whole match).</param>
public sealed record DlpPattern(
    string Id,
    string? Description,
    string Regex,
    IReadOnlyList<string> Keywords,
    double? Entropy,
    int SecretGroup);

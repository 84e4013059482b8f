using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp;

/// <summary>
/// A secret-detection rule in gitleaks' shape: a regex, the keywords one of which must occur near a match
/// (a cheap pre-filter), the capture group holding the secret, a minimum Shannon entropy for it, and an
/// allowlist (regexes and stop words) that mark a match as a false positive.
/// </summary>
public sealed record DlpRule
{
    /// <summary>Characters scanned before a keyword occurrence, so a match may begin a little before its keyword.</summary>
    internal const int LookBehind = 64;

    /// <summary>The default upper bound on a match's length, in characters.</summary>
    public const int DefaultMaxMatchLength = 320;

    /// <summary>Stable id (lower-case, digits, '-'), used in findings, denies and audit lines.</summary>
    public required string Id { get; init; }

    /// <summary>What the rule finds, in a sentence.</summary>
    public required string Description { get; init; }

    /// <summary>The pattern. Default rules use source-generated regexes; user rules use NonBacktracking.</summary>
    public required Regex Regex { get; init; }

    /// <summary>
    /// Case-insensitive ASCII keywords of at least 3 characters; the regex runs only in a window around an occurrence of one of them.
    /// Empty means the regex runs over all scanned text (user rules without keywords).
    /// </summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>The minimum Shannon entropy (bits per character) of the secret; 0 disables the check.</summary>
    public double MinEntropy { get; init; }

    /// <summary>The capture group holding the secret; 0 means the first group that matched, or the whole match.</summary>
    public int SecretGroup { get; init; }

    /// <summary>Regexes that, when they match the secret, mark the match as a false positive (e.g. <c>EXAMPLE$</c>).</summary>
    public IReadOnlyList<Regex> AllowRegexes { get; init; } = [];

    /// <summary>Words that, when the secret contains one (case-insensitive), mark the match as a false positive.</summary>
    public IReadOnlyList<string> StopWords { get; init; } = [];

    /// <summary>How bad a leak of what this rule finds would be.</summary>
    public DlpSeverity Severity { get; init; } = DlpSeverity.High;

    /// <summary>A grouping for reports: cloud, source-control, ai, payment, chat, package-registry, private-key, jwt, generic, user.</summary>
    public string Category { get; init; } = "generic";

    /// <summary>
    /// The longest match the rule can produce. It sizes the window scanned after a keyword and the overlap kept
    /// between body chunks, so a secret split across two chunks is still found.
    /// </summary>
    public int MaxMatchLength { get; init; } = DefaultMaxMatchLength;

    /// <summary>
    /// When above 0, the regex matches only where one of its keywords is followed, within this many characters, by
    /// '=' or ':' (the key-value separator it requires), so occurrences without one are skipped before the regex runs.
    /// Default rules whose regex is a keyword then <c>Assign</c> set it; user rules never do.
    /// </summary>
    internal int SeparatorWithin { get; init; }

    /// <summary>
    /// Builds a rule from a user pattern (the manifest's <c>dlp.patterns</c>). The regex is compiled with
    /// <see cref="RegexOptions.NonBacktracking"/>, whose matching time is linear in the input, so no pattern can
    /// hang the proxy. Returns false with a message naming the rule and what is wrong.
    /// </summary>
    /// <param name="id">The rule id: lower-case letters, digits and '-', 1 to 64 characters.</param>
    /// <param name="pattern">A .NET regular expression without backreferences or lookarounds.</param>
    /// <param name="keywords">Optional ASCII keywords that gate the regex (speeds scanning); null or empty scans everything.</param>
    /// <param name="minEntropy">Optional minimum Shannon entropy of the secret, 0 to 8.</param>
    /// <param name="secretGroup">Optional capture group holding the secret; 0 means the whole match.</param>
    /// <param name="rule">The rule, when valid.</param>
    /// <param name="error">Why the pattern was refused, when not valid.</param>
    public static bool TryCreateUserRule(
        string? id,
        string? pattern,
        IReadOnlyList<string>? keywords,
        double minEntropy,
        int secretGroup,
        [NotNullWhen(true)] out DlpRule? rule,
        [NotNullWhen(false)] out string? error)
    {
        rule = null;
        if (!IsValidId(id))
        {
            error = $"dlp pattern id '{id}' is not valid: use 1 to 64 lower-case letters, digits and '-', starting with a letter";
            return false;
        }

        if (string.IsNullOrEmpty(pattern))
        {
            error = $"dlp pattern '{id}': the regex is empty";
            return false;
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException ex)
        {
            error = $"dlp pattern '{id}': the regex uses a construct that linear-time matching cannot run " +
                    $"(backreferences, lookarounds, atomic groups, conditionals): {ex.Message}";
            return false;
        }
        catch (ArgumentException ex)
        {
            error = $"dlp pattern '{id}': the regex does not parse: {ex.Message}";
            return false;
        }

        if (regex.IsMatch(string.Empty))
        {
            error = $"dlp pattern '{id}': the regex matches the empty string, so it would flag every request";
            return false;
        }

        if (secretGroup < 0 || secretGroup >= regex.GetGroupNumbers().Length)
        {
            error = $"dlp pattern '{id}': secret group {secretGroup} does not exist (the regex has {regex.GetGroupNumbers().Length - 1} groups)";
            return false;
        }

        if (minEntropy is < 0 or > 8 || double.IsNaN(minEntropy))
        {
            error = $"dlp pattern '{id}': minimum entropy {minEntropy} is outside 0 to 8 bits per character";
            return false;
        }

        var words = keywords ?? [];
        foreach (var keyword in words)
        {
            if (keyword is null || keyword.Length is < Engine.KeywordFilter.MinKeywordLength or > 64 || !System.Text.Ascii.IsValid(keyword))
            {
                error = $"dlp pattern '{id}': keyword '{keyword}' must be {Engine.KeywordFilter.MinKeywordLength} to 64 ASCII characters";
                return false;
            }
        }

        rule = new DlpRule
        {
            Id = id!,
            Description = $"User pattern '{id}'",
            Regex = regex,
            Keywords = [.. words.Select(k => k.ToLowerInvariant())],
            MinEntropy = minEntropy,
            SecretGroup = secretGroup,
            Severity = DlpSeverity.High,
            Category = "user",
        };
        error = null;
        return true;
    }

    private static bool IsValidId([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || id[0] is not (>= 'a' and <= 'z'))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

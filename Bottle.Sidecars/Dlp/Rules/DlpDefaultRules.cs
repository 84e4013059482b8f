using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

/// <summary>
/// Bottle's default secret rules: cloud, source control, AI providers, payment, chat, package registries and
/// developer services, private keys, JWTs and generic assignments. Token shapes follow what gitleaks documents
/// about each provider; the regexes are ours, source-generated, and written to start at (or just before) their
/// keyword so they can run in the small window the keyword pre-filter gives them.
/// </summary>
public static partial class DlpDefaultRules
{
    /// <summary>A key name, a separator (<c>=</c>, <c>:</c>, <c>:=</c>, <c>=&gt;</c>) and optional quotes before a value.</summary>
    internal const string Assign = @"[\w.-]{0,20}[\s'""]{0,3}(?:=|:=|:|=>|\?=)[\s'""]{0,5}";

    /// <summary>
    /// How far after the end of a keyword the separator of <see cref="Assign"/> can lie: 20 name and 3 quote or
    /// space characters, plus the 3 of "ord" after the keyword "passw", plus the '?' of <c>?=</c>, rounded up.
    /// </summary>
    internal const int AssignReach = 32;

    /// <summary>What may follow a keyed value: space, quote, separator, a JSON-escaped newline or the end.</summary>
    internal const string End = @"(?=[\s'""`;,)\]}]|\\[nr]|$)";

    /// <summary>Whitespace or a JSON-escaped newline, as found inside PEM blocks pasted into JSON or env files.</summary>
    internal const string Gap = @"(?:\s|\\[nr])";

    /// <summary>A PEM body character, or a line break (raw or JSON-escaped).</summary>
    internal const string PemChar = @"(?:[A-Za-z0-9+/=]|\s|\\[nr])";

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <summary>All default rules, in a stable order.</summary>
    public static IReadOnlyList<DlpRule> All { get; } = [.. Cloud(), .. SourceControl(), .. AiProviders(), .. Payment(), .. Chat(), .. Registries(), .. PrivateKeys(), .. Generic()];

    private static DlpRule Rule(
        string id,
        string description,
        string category,
        DlpSeverity severity,
        Regex regex,
        string[] keywords,
        double entropy = 0,
        string[]? stopWords = null,
        Regex[]? allow = null,
        int maxLength = DlpRule.DefaultMaxMatchLength,
        bool assigned = false) => new()
        {
            Id = id,
            Description = description,
            Category = category,
            Severity = severity,
            Regex = regex,
            Keywords = keywords,
            MinEntropy = entropy,
            StopWords = stopWords ?? [],
            AllowRegexes = allow ?? [],
            MaxMatchLength = maxLength,
            SeparatorWithin = assigned ? AssignReach : 0,
        };
}

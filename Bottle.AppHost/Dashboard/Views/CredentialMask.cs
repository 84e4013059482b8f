namespace Bottle.AppHost.Dashboard.Views;

/// <summary>
/// Decides which names and values look like credentials, so the dashboard never sends them to the browser:
/// names containing KEY, TOKEN, SECRET or PASSWORD; values holding a <c>bottle-cred-</c> placeholder; and
/// long high-entropy words (mixed-case letters with digits, or long hex).
/// </summary>
internal static class CredentialMask
{
    /// <summary>What the browser sees instead of a masked value.</summary>
    public const string Masked = "••••••••";

    private static readonly string[] SensitiveNameParts = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL"];

    /// <summary>True when the value of <paramref name="name"/> = <paramref name="value"/> must not reach the browser.</summary>
    public static bool ShouldMask(string name, string? value, bool knownSensitive = false) =>
        value is not null && (knownSensitive || IsSensitiveName(name) || LooksLikeCredential(value));

    /// <summary>True for names such as <c>API_KEY</c>, <c>GITHUB_TOKEN</c>, <c>db.password</c>.</summary>
    public static bool IsSensitiveName(string name) =>
        SensitiveNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="value"/> holds a placeholder or a word that looks like a generated secret.</summary>
    public static bool LooksLikeCredential(string value) =>
        value.Contains("bottle-cred-", StringComparison.OrdinalIgnoreCase)
        || value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(IsHighEntropyWord);

    private static bool IsHighEntropyWord(string word)
    {
        if (word.Length >= 32 && word.All(char.IsAsciiHexDigit))
        {
            return true;
        }

        // Paths and URLs are mostly lower case; generated keys mix cases and digits and rarely repeat characters.
        return word.Length >= 20
            && word.Any(char.IsAsciiLetterUpper)
            && word.Any(char.IsAsciiLetterLower)
            && word.Any(char.IsAsciiDigit)
            && ShannonBitsPerChar(word) >= 3.5;
    }

    private static double ShannonBitsPerChar(string word) =>
        word.GroupBy(c => c)
            .Select(g => (double)g.Count() / word.Length)
            .Sum(p => -p * Math.Log2(p));
}

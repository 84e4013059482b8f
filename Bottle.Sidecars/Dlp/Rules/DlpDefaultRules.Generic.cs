using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> Generic()
    {
        const string c = "generic";
        yield return Rule(
            "generic-secret-assignment",
            "A secret-looking value assigned to a secret, token, password or key name",
            c,
            DlpSeverity.Medium,
            GenericAssignment(),
            ["secret", "token", "passw", "pwd", "apikey", "api_key", "api-key", "api.key", "accesskey", "access_key", "access-key",
             "authkey", "auth_key", "auth-key", "auth.key", "access.key", "credential", "privatekey", "private_key", "private-key", "private.key"],
            3.5,
            stopWords: ["example", "changeme", "placeholder", "dummy", "redacted", "your_", "your-", "xxxxx", "*****"],
            allow: [LettersOnly(), MemberAccess()],
            maxLength: 200,
            assigned: true);
        yield return Rule(
            "url-credentials",
            "A password embedded in a URL (scheme://user:password@host)",
            c,
            DlpSeverity.High,
            UrlCredentials(),
            ["://"],
            stopWords: ["password", "passwd", "changeme", "example", "secret"],
            maxLength: 260);
    }

    [GeneratedRegex(@"(?i)(?:secret|token|passw(?:or)?d|pwd|api[_.-]?key|access[_.-]?key|auth[_.-]?key|credential|private[_.-]?key)" + Assign +
                    @"([a-z0-9_.~+/=!@#$%^&*-]{12,128})" + End, Options)]
    private static partial Regex GenericAssignment();

    // Identifiers and words (no digits, no symbols) are code or prose far more often than secrets.
    [GeneratedRegex(@"^[A-Za-z_.-]+$", Options)]
    private static partial Regex LettersOnly();

    // options.Secrets.Value, Config.ApiKey2: member access, not a literal.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$", Options)]
    private static partial Regex MemberAccess();

    // The scheme sits in a look-behind so the match starts at the literal "://", which the generated matcher finds
    // with a vectorised search; a leading scheme loop made it try every letter of the window as a start instead.
    [GeneratedRegex(@"(?i)(?<=\b[a-z][a-z0-9+.-]{1,19})://[^\s:/@'""]{1,64}:([^\s:/@'""]{6,128})@[a-z0-9.-]+", Options)]
    private static partial Regex UrlCredentials();
}

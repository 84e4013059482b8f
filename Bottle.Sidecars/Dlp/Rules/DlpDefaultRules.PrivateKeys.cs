using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> PrivateKeys()
    {
        const string c = "private-key";
        // The secret is the header plus the first 64 body characters: enough to prove key material follows
        // (a bare header in docs is not a leak) and stable wherever a chunk boundary falls.
        yield return Rule("private-key", "PEM private key (PKCS#8, RSA, EC, DSA, encrypted)", c, DlpSeverity.Critical, PemPrivateKey(), ["private key-----"], 3);
        yield return Rule("openssh-private-key", "OpenSSH private key", c, DlpSeverity.Critical, OpenSshPrivateKey(), ["openssh private key-----"], 3);
        yield return Rule("pgp-private-key", "PGP private key block", c, DlpSeverity.Critical, PgpPrivateKey(), ["pgp private key block-----"], 3, maxLength: 1024);
        yield return Rule("putty-private-key", "PuTTY private key file", c, DlpSeverity.Critical, PuttyPrivateKey(), ["putty-user-key-file-"], 3, maxLength: 2600);
        yield return Rule("age-secret-key", "age encryption secret key", c, DlpSeverity.Critical, AgeSecretKey(), ["age-secret-key-1"], 3);
        yield return Rule("jwt", "JSON Web Token (signed)", "jwt", DlpSeverity.Medium, Jwt(), ["eyj"], 3, maxLength: 4096);
    }

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----" + Gap + "*(" + PemChar + "{64})", Options)]
    private static partial Regex PemPrivateKey();

    // "b3BlbnNzaC1rZXktdjE" is base64 of the "openssh-key-v1" magic every OpenSSH key starts with.
    [GeneratedRegex(@"-----BEGIN OPENSSH PRIVATE KEY-----" + Gap + "*(b3BlbnNzaC1rZXktdjE" + PemChar + "{40})", Options)]
    private static partial Regex OpenSshPrivateKey();

    [GeneratedRegex(@"-----BEGIN PGP PRIVATE KEY BLOCK-----" + Gap + @"*(?:[\w-]+: [^\r\n\\]*" + Gap + "+)*(" + PemChar + "{64})", Options)]
    private static partial Regex PgpPrivateKey();

    [GeneratedRegex(@"PuTTY-User-Key-File-\d: [\w-]+[\s\S]{0,2000}?Private-Lines: \d+" + Gap + "+(" + PemChar + "{40})", Options)]
    private static partial Regex PuttyPrivateKey();

    [GeneratedRegex(@"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b", Options)]
    private static partial Regex AgeSecretKey();

    [GeneratedRegex(@"\b(eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{20,})", Options)]
    private static partial Regex Jwt();
}

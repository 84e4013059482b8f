using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>
/// A two-rule scanner standing in for the DLP engine until its branch is merged: AWS access key ids and
/// private key blocks, redacted and fingerprinted the way the gate expects.
/// </summary>
internal sealed partial class TestSecretScanner : ISecretScanner
{
    public IReadOnlyList<SecretMatch> Scan(string text) =>
    [
        .. AwsKey().Matches(text).Select(m => Match("aws-access-key-id", "AWS access key id", m)),
        .. PrivateKey().Matches(text).Select(m => Match("private-key", "Private key block", m)),
    ];

    private static SecretMatch Match(string rule, string description, Match m) =>
        new(rule, description, m.Index, m.Length, m.Value[..4] + new string('*', Math.Min(m.Value.Length, 40) - 4),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rule + ":" + m.Value)))[..16]);

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();
}

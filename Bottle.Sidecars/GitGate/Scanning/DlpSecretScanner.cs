using Bottle.Sidecars.Dlp;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>The DLP engine (pipelock's rules) as git-gate's secret scanner.</summary>
public sealed class DlpSecretScanner(DlpScanner dlp) : ISecretScanner
{
    /// <inheritdoc />
    public IReadOnlyList<SecretMatch> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = dlp.ScanText(text, name: null, destinationHost: null);
        return result.Findings.Count == 0
            ? []
            : result.Findings.Select(f => new SecretMatch(f.RuleId, f.Description, (int)f.Offset, 0, f.Redacted, f.Fingerprint)).ToList();
    }
}

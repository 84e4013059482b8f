namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// Collects the findings of one scan (a URL, a header set, a body, a text), one per rule and secret: the same
/// secret seen again (in a chunk overlap, in a decoded layer, twice in a body) is reported once. Allocates
/// nothing until the first finding.
/// </summary>
internal sealed class FindingSink
{
    private List<DlpFinding>? _findings;
    private HashSet<(string RuleId, string Fingerprint, string? Name)>? _seen;

    public int Count => _findings?.Count ?? 0;

    public IReadOnlyList<DlpFinding> Findings => (IReadOnlyList<DlpFinding>?)_findings ?? [];

    public void Add(DlpFinding finding)
    {
        _seen ??= [];
        if (_seen.Add((finding.RuleId, finding.Fingerprint, finding.Name)))
        {
            (_findings ??= []).Add(finding);
        }
    }

    public DlpScanResult ToResult(bool overCap = false, bool truncated = false) =>
        _findings is null && !overCap && !truncated ? DlpScanResult.Clean : new DlpScanResult(Findings, overCap, truncated);
}

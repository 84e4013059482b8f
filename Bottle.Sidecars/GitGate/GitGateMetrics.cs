using System.Diagnostics.Metrics;

namespace Bottle.Sidecars.GitGate;

/// <summary>
/// git-gate's counters on the <c>Bottle.GitGate</c> meter (exported by the service defaults' OpenTelemetry
/// setup like the other sidecars' meters): pushes by outcome, findings, scanned commits and diff size, fetches.
/// </summary>
public sealed class GitGateMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Bottle.GitGate";

    private readonly Meter meter;
    private readonly Counter<long> pushes;
    private readonly Counter<long> findings;
    private readonly Counter<long> commits;
    private readonly Counter<long> diffCharacters;
    private readonly Counter<long> fetches;

    public GitGateMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(MeterName);
        pushes = meter.CreateCounter<long>("gitgate.pushes", description: "Pushes decided, tagged by remote and outcome");
        findings = meter.CreateCounter<long>("gitgate.findings", description: "Secrets found in pushed commits");
        commits = meter.CreateCounter<long>("gitgate.scanned_commits", description: "New commits scanned");
        diffCharacters = meter.CreateCounter<long>("gitgate.scanned_diff_chars", description: "Diff characters scanned");
        fetches = meter.CreateCounter<long>("gitgate.fetches", description: "Fetches served, tagged by remote");
    }

    internal void Push(string remote, bool accepted) =>
        pushes.Add(1, new KeyValuePair<string, object?>("remote", remote), new KeyValuePair<string, object?>("outcome", accepted ? "accepted" : "rejected"));

    internal void Findings(int count) => findings.Add(count);

    internal void Scanned(int commitCount, long characters)
    {
        commits.Add(commitCount);
        diffCharacters.Add(characters);
    }

    internal void Fetch(string remote) => fetches.Add(1, new KeyValuePair<string, object?>("remote", remote));

    public void Dispose() => meter.Dispose();
}

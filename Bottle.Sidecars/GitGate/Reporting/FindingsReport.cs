using System.Text.Json;
using Bottle.Sidecars.GitGate.Scanning;
using Bottle.Sidecars.Sarif;

namespace Bottle.Sidecars.GitGate.Reporting;

/// <summary>
/// Keeps the findings of every rejected push and writes them to <c>findings.json</c> and <c>findings.sarif</c>
/// (SARIF 2.1.0) in the state directory. Each write goes to a temp file and is renamed into place, so a reader
/// (the dashboard, a CI artifact step) never sees half a file.
/// </summary>
internal sealed class FindingsReport(GitGateOptions options, TimeProvider time) : IDisposable
{
    /// <summary>The SARIF tool name.</summary>
    public const string ToolName = "bottle-git-gate";

    private readonly List<RecordedFinding> all = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public string JsonPath => Path.Combine(Directory, "findings.json");

    public string SarifPath => Path.Combine(Directory, "findings.sarif");

    private string Directory => string.IsNullOrEmpty(options.FindingsDirectory) ? options.StateDirectory : options.FindingsDirectory;

    /// <summary>Adds the findings of one rejected push and rewrites both files.</summary>
    public async Task RecordAsync(string remote, IReadOnlyList<PushFinding> findings, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var now = time.GetUtcNow();
            all.AddRange(findings.Select(f => new RecordedFinding(now, remote, f)));
            await WriteAtomicallyAsync(JsonPath, JsonSerializer.Serialize(all, FindingsJsonContext.Default.ListRecordedFinding), cancellationToken);
            await WriteAtomicallyAsync(SarifPath, SarifSerializer.Serialize(ToSarif(all)), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Builds the SARIF log of <paramref name="findings"/>: one run, one rule per rule id seen.</summary>
    public static SarifLog ToSarif(IReadOnlyList<RecordedFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var rules = findings
            .Select(f => f.Finding)
            .DistinctBy(f => f.RuleId)
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(f => new SarifReportingDescriptor(f.RuleId, new SarifMessage(f.RuleDescription)))
            .ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var results = findings.Select(r =>
        {
            var f = r.Finding;
            return new SarifResult(
                f.RuleId,
                index[f.RuleId],
                "error",
                new SarifMessage($"{f.RuleDescription}: {f.Redacted} added in commit {f.Commit} (push to '{r.Remote}' rejected)"),
                [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(ToUri(f.Path)), new SarifRegion(f.Line)))],
                new Dictionary<string, string> { ["secretFingerprint/v1"] = f.Fingerprint },
                new Dictionary<string, string> { ["commit"] = f.Commit, ["remote"] = r.Remote });
        }).ToList();
        return new SarifLog([new SarifRun(new SarifTool(new SarifToolComponent(ToolName, null, null, rules)), results)]);
    }

    /// <summary>A repository path as a relative URI reference (each segment escaped).</summary>
    private static string ToUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}

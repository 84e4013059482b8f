using System.Diagnostics;
using System.Globalization;
using Bottle.Sidecars.Configuration;

namespace Bottle.GitGateBench;

/// <summary>
/// The real <c>bottle-sidecars git-gate --config FILE</c> process, as a bottle runs it (default DLP rules, audit to a
/// file, logs to stdout), with extra environment variables (runtime knobs). Its state lives under its own TMPDIR, so
/// several gates can run side by side. CPU is read from outside: its /proc stat, git children included once reaped.
/// </summary>
internal sealed class SidecarGate(string name, SidecarProcess process, int httpPort) : IBenchGate
{
    public string Name { get; } = name;

    /// <summary>
    /// Starts <paramref name="executable"/> as git-gate over <paramref name="remotes"/>, reaching them through
    /// <paramref name="egressProxy"/> (ssh remotes; local ones are paths), and waits until <c>/health</c> answers (mirrors filled).
    /// </summary>
    public static async Task<SidecarGate> StartAsync(
        string name, string executable, IReadOnlyDictionary<string, string> environment, string root, IReadOnlyList<GitRemoteConfig> remotes, string egressProxy)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "sidecar-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        var httpPort = SidecarProcess.FreePort();
        var adminPort = SidecarProcess.FreePort();
        var config = new GitGateConfig(
            new ListenEndpoint("127.0.0.1", httpPort),
            new ListenEndpoint("127.0.0.1", adminPort),
            remotes,
            DlpSettings.Default,
            egressProxy,
            Path.Combine(dir, "audit.jsonl"),
            Path.Combine(dir, "findings.sarif"));
        var configPath = Path.Combine(dir, "git-gate.yaml");
        await File.WriteAllTextAsync(configPath, SidecarConfigJson.Serialize(config));

        var env = new Dictionary<string, string>(environment)
        {
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName,
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        };
        var watch = Stopwatch.StartNew();
        var process = await SidecarProcess.StartAsync(executable, "git-gate", configPath, adminPort, env);
        var gate = new SidecarGate(name, process, httpPort);
        gate.DrainLog();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: healthy after {watch.Elapsed.TotalSeconds:F2} s (mirrors filled), CPU {gate.ExternalCpuSeconds():F2} s of which its own .NET {gate.OwnCpuSeconds():F2} s"));
        return gate;
    }

    public Uri RemoteUrl(string remote) => new($"http://127.0.0.1:{httpPort}/{remote}.git");

    public double ExternalCpuSeconds() => process.CpuSeconds();

    public double OwnCpuSeconds() => process.OwnCpuSeconds();

    // Only the push verdicts (with their phase timings) are worth printing.
    public IReadOnlyList<string> DrainLog() =>
        [.. process.DrainLog().Where(l => l.Contains("git-gate accepted a push", StringComparison.Ordinal)).Select(l => l.Trim())];

    public ValueTask DisposeAsync() => process.DisposeAsync();
}

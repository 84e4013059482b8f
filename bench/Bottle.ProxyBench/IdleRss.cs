using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Tls;

namespace Bottle.ProxyBench;

/// <summary>
/// Idle RSS of the real <c>bottle-sidecars pipelock</c> process, for one or more builds (comma-separated executables)
/// under environment variants (GC and JIT knobs): each build x variant started <c>runs</c> times, interleaved, RSS
/// read 5 s after <c>/health</c> first answered, split into anonymous memory and mapped files (smaps_rollup); also the
/// time from process start to the first healthy answer.
/// </summary>
internal static class IdleRss
{
    public static async Task<int> RunAsync(string executables, int runs, IReadOnlyList<string> environments)
    {
        var dir = Directory.CreateTempSubdirectory("proxybench-rss-").FullName;
        try
        {
            using (CertificateAuthority.Create(Path.Combine(dir, "bottle"), TimeProvider.System))
            {
            }

            var variants = executables.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(exe => environments.Select(env => (Executable: exe, Environment: env))).ToList();
            var samples = variants.ToDictionary(v => v, _ => new List<(long Rss, long Anonymous, double StartSeconds)>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var variant in variants)
                {
                    var config = new PipelockConfig(
                        new ListenEndpoint("127.0.0.1", FreePort()),
                        new ListenEndpoint("127.0.0.1", FreePort()),
                        "http://127.0.0.1:9", // never dialled: the process stays idle
                        [new EgressRule(HostPattern.Parse("api.test.local"), null, [443], [], [], null)],
                        DlpSettings.Default,
                        [],
                        Path.Combine(dir, "bottle", CertificateAuthority.CertificateFileName),
                        Path.Combine(dir, "bottle", CertificateAuthority.KeyFileName),
                        Path.Combine(dir, "audit.jsonl"));
                    var path = Path.Combine(dir, "pipelock.yaml");
                    await File.WriteAllTextAsync(path, SidecarConfigJson.Serialize(config));
                    var environment = variant.Environment.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
                    var started = Stopwatch.GetTimestamp();
                    await using var sidecar = await SidecarProcess.StartAsync(variant.Executable, path, config.Proxy.Port, config.Admin.Port, environment);
                    var startSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    samples[variant].Add((ReadRss(sidecar.Id), ReadAnonymous(sidecar.Id), startSeconds));
                }
            }

            Console.WriteLine($"idle RSS of '<bottle-sidecars> pipelock', {runs} runs per build and environment, 5 s after healthy");
            Console.WriteLine("| build | environment | idle RSS MiB (median) | of which anonymous / file-backed | runs | start to healthy s (median) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var variant in variants)
            {
                var sorted = samples[variant].OrderBy(s => s.Rss).ToList();
                var median = sorted[sorted.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variant.Executable} | {(variant.Environment.Length == 0 ? "(none)" : variant.Environment)} | {median.Rss / 1024.0:F1} | {median.Anonymous / 1024.0:F1} / {(median.Rss - median.Anonymous) / 1024.0:F1} | {string.Join(" ", sorted.Select(s => (s.Rss / 1024.0).ToString("F1", CultureInfo.InvariantCulture)))} | {sorted.Select(s => s.StartSeconds).Order().ElementAt(sorted.Count / 2):F2} |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static long ReadRss(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

    private static long ReadAnonymous(int pid) =>
        File.ReadAllLines($"/proc/{pid}/smaps_rollup").Where(l => l.StartsWith("Anonymous:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

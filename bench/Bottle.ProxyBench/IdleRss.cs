using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Tls;

namespace Bottle.ProxyBench;

/// <summary>
/// Idle RSS of the real <c>bottle-sidecars pipelock</c> process under environment variants (GC and JIT knobs):
/// each variant started <c>runs</c> times, interleaved, RSS read 5 s after <c>/health</c> first answered.
/// </summary>
internal static class IdleRss
{
    public static async Task<int> RunAsync(string executable, int runs, IReadOnlyList<string> variants)
    {
        var dir = Directory.CreateTempSubdirectory("proxybench-rss-").FullName;
        try
        {
            using (CertificateAuthority.Create(Path.Combine(dir, "bottle"), TimeProvider.System))
            {
            }

            var samples = variants.ToDictionary(v => v, _ => new List<long>());
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
                    var environment = variant.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
                    await using var sidecar = await SidecarProcess.StartAsync(executable, path, config.Proxy.Port, config.Admin.Port, environment);
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    samples[variant].Add(ReadRss(sidecar.Id));
                }
            }

            Console.WriteLine($"idle RSS of '{executable} pipelock', {runs} runs per variant, 5 s after healthy");
            Console.WriteLine("| environment | idle RSS MiB (median) | runs |");
            Console.WriteLine("|---|---|---|");
            foreach (var variant in variants)
            {
                var sorted = samples[variant].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(variant.Length == 0 ? "(none)" : variant)} | {sorted[sorted.Count / 2] / 1024.0:F1} | {string.Join(" ", sorted.Select(s => (s / 1024.0).ToString("F1", CultureInfo.InvariantCulture)))} |"));
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

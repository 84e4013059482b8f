using System.Diagnostics;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Decoding;
using Bottle.Sidecars.Dlp.Engine;
using Bottle.Sidecars.Dlp.Rules;

namespace Bottle.Benchmarks.Dlp;

/// <summary>
/// A quick Stopwatch breakdown of where a clean-text scan spends its time (median of N runs per phase) and which
/// keywords fire how often. Not a BenchmarkDotNet run: a profiling aid. <c>-- breakdown [runs]</c>.
/// </summary>
internal static class DlpBreakdown
{
    public static void Run(int runs)
    {
        foreach (var (name, text) in new[] { ("python", DlpCorpus.PythonStdlib()), ("repo-cs", DlpCorpus.CleanSource()), ("secret-dense", DlpCorpus.SecretDense()) })
        {
            Console.WriteLine($"== {name} ({text.Length} chars)");
            var keywords = DlpDefaultRules.All.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var filter = new KeywordFilter(keywords);
            var narrow = new KeywordFilter(keywords, allowWide: false);
            var full = new DlpScanner(new DlpOptions());
            var flat = new DlpScanner(new DlpOptions { MaxDecodeDepth = 0 });
            var one = new DlpScanner(new DlpOptions { MaxDecodeDepth = 1 });
            Time("pre-filter pass", runs, () =>
            {
                var n = 0;
                for (var i = filter.IndexOfCandidate(text, 0); i >= 0; i = filter.IndexOfCandidate(text, i + 1))
                {
                    n++;
                }

                return n;
            });
            Time("pre-filter, 16-wide only", runs, () =>
            {
                var n = 0;
                for (var i = narrow.IndexOfCandidate(text, 0); i >= 0; i = narrow.IndexOfCandidate(text, i + 1))
                {
                    n++;
                }

                return n;
            });
            Time("encoded-run finder pass", runs, () =>
            {
                var n = 0;
                var position = 0;
                while (EncodedRunFinder.TryFindNext(text, ref position, out _))
                {
                    n++;
                }

                return n;
            });
            Time("find + decode runs", runs, () =>
            {
                var n = 0;
                var position = 0;
                var bytes = new byte[text.Length];
                while (EncodedRunFinder.TryFindNext(text, ref position, out var run))
                {
                    n += EncodedRunDecoder.Decode(text.AsSpan(run.Start, run.Length), run.IsHex, bytes) > 0 ? 1 : 0;
                }

                return n;
            });
            Time("percent token pass", runs, () =>
            {
                var n = 0;
                for (var from = 0; PercentDecoder.TryFindToken(text, from, out _, out var end); from = end)
                {
                    n++;
                }

                return n;
            });
            Time("ScanText depth 0", runs, () => flat.ScanText(text, null, null).Findings.Count);
            Time("ScanText depth 1", runs, () => one.ScanText(text, null, null).Findings.Count);
            Time("ScanText depth 3", runs, () => full.ScanText(text, null, null).Findings.Count);

            var counts = keywords.ToDictionary(k => k, _ => 0, StringComparer.OrdinalIgnoreCase);
            var span = text.AsSpan();
            for (var i = 0; i < span.Length; i++)
            {
                foreach (var k in keywords)
                {
                    if (span[i..].StartsWith(k, StringComparison.OrdinalIgnoreCase))
                    {
                        counts[k]++;
                    }
                }
            }

            Console.WriteLine("  keyword hits: " + string.Join(", ", counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}")));
        }
    }

    public static void Loop(string corpus, int depth, int runs)
    {
        var text = corpus switch
        {
            "python" => DlpCorpus.PythonStdlib(),
            "repo-cs" => DlpCorpus.CleanSource(),
            _ => DlpCorpus.SecretDense(),
        };
        var scanner = new DlpScanner(new DlpOptions { MaxDecodeDepth = depth });
        var findings = 0;
        for (var r = 0; r < runs; r++)
        {
            findings += scanner.ScanText(text, null, null).Findings.Count;
        }

        Console.WriteLine($"{runs} scans, {findings} findings");
    }

    // On a machine shared with other builds, wall time includes time the thread was not running; the thread's
    // CPU time does not, so it is the figure to compare. Both are printed.
    private static void Time(string what, int runs, Func<int> action)
    {
        // Warm up long enough for tiered JIT to reach its optimised code (OSR and instrumented tiers are slower).
        var result = action();
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 400;)
        {
            action();
        }

        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var cpuStart = ThreadCpuClock.NowMilliseconds();
            var sw = Stopwatch.StartNew();
            action();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
        }

        wall.Sort();
        cpu.Sort();
        var median = cpu[cpu.Count / 2];
        Console.WriteLine($"  {what,-26} cpu median {median,7:F2} ms  {DlpCorpus.Size / 1048576.0 / (median / 1000),6:F0} MiB/s min {cpu[0],7:F2} ms | wall min {wall[0],7:F2} median {wall[wall.Count / 2],7:F2} ms  (result {result})");
    }
}

using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Rules;

namespace Bottle.Benchmarks.Dlp;

/// <summary>
/// DLP throughput on 4 MiB of clean source and of secret-dense text, side by side with the floor: the keyword
/// pre-filter pass alone. MB/s = 4 MiB / median (one core: the scan is single-threaded).
/// </summary>
[MemoryDiagnoser]
public class DlpThroughputBenchmarks
{
    private DlpScanner _scanner = null!;
    private string _clean = null!;
    private string _dense = null!;
    private byte[] _cleanBytes = null!;
    private SearchValues<string> _keywords = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scanner = new DlpScanner(new DlpOptions { MaxBodyBytes = 64L * 1024 * 1024 });
        _clean = DlpCorpus.CleanSource();
        _dense = DlpCorpus.SecretDense();
        _cleanBytes = Encoding.Latin1.GetBytes(_clean);
        _keywords = SearchValues.Create([.. DlpDefaultRules.All.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
        if (!_scanner.ScanText(_dense, null, null).Findings.Any())
        {
            throw new InvalidOperationException("secret-dense corpus produced no findings");
        }
    }

    [Benchmark(Baseline = true, Description = "keyword pre-filter pass only, clean 4 MiB")]
    public int KeywordPassClean()
    {
        var hits = 0;
        var span = _clean.AsSpan();
        for (var i = span.IndexOfAny(_keywords); i >= 0; i = span.IndexOfAny(_keywords))
        {
            hits++;
            span = span[(i + 1)..];
        }

        return hits;
    }

    [Benchmark(Description = "ScanText, clean source 4 MiB")]
    public int ScanTextClean() => _scanner.ScanText(_clean, null, null).Findings.Count;

    [Benchmark(Description = "ScanBodyAsync, clean source 4 MiB (bytes, windows)")]
    public int ScanBodyClean() => _scanner.ScanBodyAsync(new MemoryStream(_cleanBytes), null, "h.test", CancellationToken.None).GetAwaiter().GetResult().Findings.Count;

    [Benchmark(Description = "ScanText, secret-dense 4 MiB")]
    public int ScanTextDense() => _scanner.ScanText(_dense, null, null).Findings.Count;
}

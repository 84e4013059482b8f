using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Engine;
using Bottle.Sidecars.Dlp.Rules;

namespace Bottle.Benchmarks.Dlp;

/// <summary>
/// DLP throughput on 4 MiB of clean source (Python stdlib; this repo's keyword-dense C#) and of secret-dense
/// text, side by side with the pre-filter pass alone (ours and SearchValues&lt;string&gt;). MB/s = 4 MiB / median (one core: the scan is single-threaded).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DlpThroughputBenchmarks
{
    private DlpScanner _scanner = null!;
    private string _clean = null!;
    private string _python = null!;
    private KeywordFilter _filter = null!;
    private string _dense = null!;
    private byte[] _cleanBytes = null!;
    private SearchValues<string> _keywords = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scanner = new DlpScanner(new DlpOptions { MaxBodyBytes = 64L * 1024 * 1024 });
        _clean = DlpCorpus.CleanSource();
        _python = DlpCorpus.PythonStdlib();
        _dense = DlpCorpus.SecretDense();
        _cleanBytes = Encoding.Latin1.GetBytes(_clean);
        string[] keywords = [.. DlpDefaultRules.All.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)];
        _keywords = SearchValues.Create(keywords, StringComparison.OrdinalIgnoreCase);
        _filter = new KeywordFilter(keywords);
        if (!_scanner.ScanText(_dense, null, null).Findings.Any())
        {
            throw new InvalidOperationException("secret-dense corpus produced no findings");
        }
    }

    [Benchmark(Baseline = true, Description = "pre-filter: SearchValues<string> (all keywords), Python 4 MiB")]
    public int SearchValuesPassPython()
    {
        var hits = 0;
        var span = _python.AsSpan();
        for (var i = span.IndexOfAny(_keywords); i >= 0; i = span.IndexOfAny(_keywords))
        {
            hits++;
            span = span[(i + 1)..];
        }

        return hits;
    }

    [Benchmark(Description = "pre-filter: KeywordFilter 4-gram (all keywords), Python 4 MiB")]
    public int KeywordFilterPassPython()
    {
        var hits = 0;
        for (var i = _filter.IndexOfCandidate(_python, 0); i >= 0; i = _filter.IndexOfCandidate(_python, i + 1))
        {
            hits++;
        }

        return hits;
    }

    [Benchmark(Description = "ScanText, Python stdlib 4 MiB")]
    public int ScanTextPython() => _scanner.ScanText(_python, null, null).Findings.Count;

    [Benchmark(Description = "ScanText, repo C# source 4 MiB (keyword-dense)")]
    public int ScanTextClean() => _scanner.ScanText(_clean, null, null).Findings.Count;

    [Benchmark(Description = "ScanBodyAsync, repo C# source 4 MiB (bytes, windows)")]
    public int ScanBodyClean() => _scanner.ScanBodyAsync(new MemoryStream(_cleanBytes), null, "h.test", CancellationToken.None).GetAwaiter().GetResult().Findings.Count;

    [Benchmark(Description = "ScanText, secret-dense 4 MiB")]
    public int ScanTextDense() => _scanner.ScanText(_dense, null, null).Findings.Count;
}

using BenchmarkDotNet.Attributes;
using Bottle.Sidecars.Dlp;
using Microsoft.Extensions.Primitives;

namespace Bottle.Benchmarks.Dlp;

/// <summary>Per-request DLP cost on the proxy path: a typical API URL with a query string, and typical headers.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class DlpRequestBenchmarks
{
    private const string Url = "/repos/octo-org/hello-world/pulls?state=open&per_page=100&page=2&sort=updated&direction=desc&q=is%3Apr+label%3Abug";

    private readonly DlpScanner _scanner = new(new DlpOptions());
    private readonly Dictionary<string, StringValues> _headers = new()
    {
        ["Host"] = "api.github.com",
        ["User-Agent"] = "claude-code/2.0 (linux; x64)",
        ["Accept"] = "application/vnd.github+json",
        ["Accept-Encoding"] = "gzip, br",
        ["Authorization"] = "Bearer bottle-cred-0b6f4a52-3c1d-4e8f-9a7b-2d5e6f708192",
        ["X-GitHub-Api-Version"] = "2022-11-28",
        ["Content-Type"] = "application/json",
        ["Connection"] = "keep-alive",
    };

    [Benchmark(Description = "ScanUrl, typical API URL with query")]
    public int ScanUrl() => _scanner.ScanUrl(Url, "api.github.com").Findings.Count;

    [Benchmark(Description = "ScanHeaders, 8 typical request headers")]
    public int ScanHeaders() => _scanner.ScanHeaders(_headers, "api.github.com").Findings.Count;
}

using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Bottle.Benchmarks -- --filter '*Dlp*'
// Stopwatch breakdown of the DLP scan phases: dotnet run -c Release --project bench/Bottle.Benchmarks -- breakdown [runs]
if (args is ["breakdown", ..])
{
    Bottle.Benchmarks.Dlp.DlpBreakdown.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

// Scan one corpus in a loop for a profiler (perf record -e cpu-clock): -- loop python|repo-cs|secret-dense <depth> <runs>
if (args is ["loop", var corpus, var depth, var count])
{
    Bottle.Benchmarks.Dlp.DlpBreakdown.Loop(corpus, int.Parse(depth, System.Globalization.CultureInfo.InvariantCulture), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Bottle.Benchmarks.Dlp.DlpThroughputBenchmarks).Assembly).Run(args);

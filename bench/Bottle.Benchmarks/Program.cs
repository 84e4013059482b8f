using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Bottle.Benchmarks -- --filter '*Dlp*'
// Stopwatch breakdown of the DLP scan phases: dotnet run -c Release --project bench/Bottle.Benchmarks -- breakdown [runs]
if (args is ["breakdown", ..])
{
    Bottle.Benchmarks.Dlp.DlpBreakdown.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Bottle.Benchmarks.Dlp.DlpThroughputBenchmarks).Assembly).Run(args);

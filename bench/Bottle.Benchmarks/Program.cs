using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Bottle.Benchmarks -- --filter '*Dlp*'
BenchmarkSwitcher.FromAssembly(typeof(Bottle.Benchmarks.Dlp.DlpThroughputBenchmarks).Assembly).Run(args);

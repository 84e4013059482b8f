using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Bottle.EgressBench;

// In-process: one build, and the servers of [GlobalSetup] live beside the measured code on loopback.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithStrategy(RunStrategy.Throughput)
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(12)
    .WithId("InProcess");
BenchmarkRunner.Run<EgressHopBenchmarks>(DefaultConfig.Instance.AddJob(job).AddColumn(StatisticColumn.Median), args);

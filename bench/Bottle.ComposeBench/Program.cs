// Wall-clock benchmark of the Docker runtime against raw Compose, interleaved in one process so both see the
// same machine load. Per run: (1) bottle: ComposeBottleSession up (state, networks, sidecars healthy, agent)
// and its stop (logs saved, compose down, networks removed); (2) raw: `compose up -d` of the same rendered
// file, polled until every sidecar is healthy and the agent runs, then `compose down`. Raw gets its networks
// made before and removed after, untimed; the bottle's times include its own network work.
//   dotnet run -c Release --project bench/Bottle.ComposeBench -- <sidecar-image> <agent-image> [runs] [--phases]
// --phases prints, for every bottle run, each resource's state changes with the time since the start (where up's
// time goes; `docker events` gives the engine's side).
using System.Diagnostics;
using System.Globalization;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Bottle.ComposeBench <sidecar-image> <agent-image> [runs]");
    return 2;
}

var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var phases = args.Contains("--phases");
var work = Directory.CreateTempSubdirectory("bottle-compose-bench-").FullName;
var manifestPath = Path.Combine(work, "bench.yaml");
await File.WriteAllTextAsync(manifestPath, $"name: cbench\nagent:\n  image: {args[1]}\negress:\n  allow:\n    - host: \"api.example.test\"\n      ports: [443]\n");
var loaded = await ManifestLoader.LoadAsync(manifestPath, CancellationToken.None);
if (!loaded.Succeeded)
{
    Console.Error.WriteLine(string.Join("\n", loaded.FormatErrors()));
    return 2;
}

var plan = BottlePlanner.Prepare(loaded.Manifest!, new PlanOptions(args[0]));
var root = new BottleStateRoot(Path.Combine(work, "state"));
var stateDirectory = root.For(plan.Slug);
var target = new TeardownTarget(plan.Slug, plan.ComposeProject, stateDirectory, [.. plan.Networks.Select(n => n.Name)]);
var results = new List<(double BottleUp, double BottleDown, double RawUp, double RawDown)>();
try
{
    for (var run = 0; run <= runs; run++)
    {
        // Bottle.
        var clock = Stopwatch.StartNew();
        var session = ComposeBottleSession.Create(plan, stateDirectory, detached: false);
        await session.StartAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            Action<string>? onChange = phases ? line => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,6:F3}s {line}")) : null;
            if (await session.WaitUntilUpAsync(onChange, timeout.Token) is { } failure)
            {
                throw new InvalidOperationException($"bottle did not come up: {failure}");
            }
        }

        var bottleUp = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await session.StopAsync(CancellationToken.None);
        var bottleDown = clock.Elapsed.TotalSeconds;
        await session.DisposeAsync();

        // Raw Compose, same file (the teardown kept it), networks made untimed.
        foreach (var network in plan.Networks)
        {
            await BottleNetworks.CreateAsync(network, plan.Labels, stateDirectory, CancellationToken.None);
        }

        var compose = new ComposeCli(plan.ComposeProject, Path.Combine(stateDirectory, BottleStateWriter.ComposeFileName));
        clock.Restart();
        (await compose.RunAsync(["up", "-d"], CancellationToken.None)).EnsureSuccess("raw compose up -d");
        while (!await AllUpAsync(plan))
        {
            await Task.Delay(100);
        }

        var rawUp = clock.Elapsed.TotalSeconds;
        clock.Restart();
        (await compose.RunAsync(["down"], CancellationToken.None)).EnsureSuccess("raw compose down");
        var rawDown = clock.Elapsed.TotalSeconds;
        await BottleNetworks.RemoveAsync(plan.Networks.Select(n => n.Name), CancellationToken.None);

        // Run 0 warms caches (page cache, first process starts) and is not counted.
        if (run > 0)
        {
            results.Add((bottleUp, bottleDown, rawUp, rawDown));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: bottle up {bottleUp:F2}s down {bottleDown:F2}s | raw up {rawUp:F2}s down {rawDown:F2}s"));
    }
}
finally
{
    await ComposeTeardown.RunAsync(target, null, CancellationToken.None);
    Directory.Delete(work, recursive: true);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

var up = (Bottle: Median(results.Select(r => r.BottleUp)), Raw: Median(results.Select(r => r.RawUp)));
var down = (Bottle: Median(results.Select(r => r.BottleDown)), Raw: Median(results.Select(r => r.RawDown)));
Console.WriteLine();
Console.WriteLine($"| phase | raw compose median | bottle median | ratio | overhead |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
foreach (var (phase, values) in new[] { ("up -> all healthy", up), ("down -> all gone", down) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {phase} | {values.Raw:F2} s | {values.Bottle:F2} s | {values.Bottle / values.Raw:F2}x | {(values.Bottle - values.Raw) / values.Raw * 100:F0}% |"));
}

return 0;

static async Task<bool> AllUpAsync(BottlePlan plan)
{
    foreach (var service in ComposeServiceNames.All)
    {
        var inspect = await DockerCli.RunAsync(
            ["inspect", "--format", "{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}", ComposeServiceNames.ContainerName(plan.ComposeProject, service)],
            CancellationToken.None);
        var state = inspect.StdOut.Trim();
        if (!inspect.Succeeded || !(service == ComposeServiceNames.Agent ? state.StartsWith("running", StringComparison.Ordinal) : state == "running|healthy"))
        {
            return false;
        }
    }

    return true;
}

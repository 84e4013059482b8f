// Push of N commits (~10 KB of added text each) through git-gate vs directly to an identical upstream, in one run.
// Usage: dotnet run -c Release --project bench/Bottle.GitGateBench -- [commits=1000] [runs=5]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bottle.Sidecars.GitGate;
using Microsoft.Extensions.Logging;

var commits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var root = Directory.CreateTempSubdirectory("gitgate-bench-").FullName;
try
{
    var seed = Path.Combine(root, "seed.git");
    Git(root, "init", "--bare", "--quiet", "--initial-branch=main", seed);
    var work = Path.Combine(root, "work");
    Git(root, "clone", "--quiet", seed, work);
    File.WriteAllText(Path.Combine(work, "README.md"), "bench\n");
    Git(work, "add", "-A");
    Git(work, "commit", "--quiet", "-m", "base");
    Git(work, "push", "--quiet", "origin", "HEAD:refs/heads/main");
    var diffBytes = Generate(work, commits);
    Console.WriteLine($"{commits} commits, {diffBytes / 1024.0 / 1024.0:F1} MiB of added text, {runs} runs (fresh upstreams each run)");

    // One git-gate for the whole run, as in a bottle (the sidecar lives as long as the bottle): a remote per run,
    // each with its own fresh upstream cloned from the seed, so every push carries all the commits. Run 1 is the
    // gate's first push (cold JIT); it is printed and counted like the others.
    var gateUpstreams = Enumerable.Range(0, runs).Select(run => Path.Combine(root, $"gate-{run}.git")).ToList();
    foreach (var upstream in gateUpstreams)
    {
        Git(root, "clone", "--bare", "--quiet", seed, upstream);
    }

    var options = new GitGateOptions
    {
        StateDirectory = Path.Combine(root, "state"),
        Remotes = gateUpstreams.Select((url, run) => new GitGateRemoteOptions { Name = $"origin{run}", Url = url, PushRefPatterns = ["refs/heads/bottle/*"] }).ToList(),
    };
    await using var server = await GitGateServer.StartAsync(options, configure: b => b.Logging.ClearProviders().AddSimpleConsole().AddFilter("Bottle.Sidecars.GitGate.Push", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
    var direct = new List<double>();
    var gated = new List<double>();
    var directCpu = new List<double>();
    var gatedCpu = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var directUpstream = Path.Combine(root, $"direct-{run}.git");
        Git(root, "clone", "--bare", "--quiet", seed, directUpstream);

        var cpu = CpuSeconds();
        var watch = Stopwatch.StartNew();
        Git(work, "push", "--quiet", directUpstream, "HEAD:refs/heads/bottle/bench");
        direct.Add(watch.Elapsed.TotalSeconds);
        directCpu.Add(CpuSeconds() - cpu);

        cpu = CpuSeconds();
        var selfCpu = CpuSeconds(self: true);
        watch.Restart();
        Git(work, "push", "--quiet", server.RemoteUrl($"origin{run}").ToString(), "HEAD:refs/heads/bottle/bench");
        gated.Add(watch.Elapsed.TotalSeconds);
        gatedCpu.Add(CpuSeconds() - cpu);
        var gateSelf = CpuSeconds(self: true) - selfCpu;

        if (Git(gateUpstreams[run], "rev-parse", "refs/heads/bottle/bench") != Git(work, "rev-parse", "HEAD"))
        {
            throw new InvalidOperationException("the push through git-gate did not land upstream");
        }

        Console.WriteLine($"run {run + 1}: direct {direct[^1]:F2} s (CPU {directCpu[^1]:F2} s), git-gate {gated[^1]:F2} s (CPU {gatedCpu[^1]:F2} s, of which git-gate's own .NET {gateSelf:F2} s), load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    var d = Median(direct);
    var g = Median(gated);
    Console.WriteLine($"median: direct {d:F2} s, git-gate {g:F2} s, ratio {g / d:F2}x");
    var dc = Median(directCpu);
    var gc = Median(gatedCpu);
    Console.WriteLine($"median CPU: direct {dc:F2} s, git-gate {gc:F2} s, ratio {gc / dc:F2}x");
}
finally
{
    Directory.Delete(root, recursive: true);
}

// CPU seconds of this process (the in-process gate included) plus its reaped children (git and all it spawned):
// under a loaded machine this is steadier than wall time. /proc/self/stat fields 14-17, in clock ticks (100 Hz).
static double CpuSeconds(bool self = false)
{
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return Enumerable.Range(11, self ? 2 : 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / 100.0;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// Builds the commits with git fast-import: each adds a ~10 KB source-like file (deterministic pseudo-random words,
// so packs do not compress to nothing and the scanner sees realistic text).
static long Generate(string work, int commits)
{
    var random = new Random(42);
    string[] words = ["var", "return", "config", "value", "string", "index", "result", "token", "client", "request", "buffer", "async", "await", "list", "count"];
    var stream = new StringBuilder();
    long bytes = 0;
    for (var i = 1; i <= commits; i++)
    {
        var file = new StringBuilder();
        while (file.Length < 10_000)
        {
            file.Append("    ");
            for (var w = 0; w < 8; w++)
            {
                file.Append(words[random.Next(words.Length)]).Append(random.Next(1000)).Append(' ');
            }

            file.Append('\n');
        }

        bytes += file.Length;
        var message = $"bench commit {i}";
        stream.Append($"commit refs/heads/main\nmark :{i}\ncommitter Bench <bench@bottle.test> {1_700_000_000 + i} +0000\n");
        stream.Append($"data {message.Length}\n{message}\n");
        stream.Append(i == 1 ? "from refs/heads/main^0\n" : $"from :{i - 1}\n");
        stream.Append($"M 644 inline src/module{i % 50}/file{i}.cs\ndata {Encoding.UTF8.GetByteCount(file.ToString())}\n{file}\n");
    }

    var info = new ProcessStartInfo("git", ["fast-import", "--quiet"]) { WorkingDirectory = work, RedirectStandardInput = true };
    using var process = Process.Start(info)!;
    process.StandardInput.Write(stream.ToString());
    process.StandardInput.Close();
    process.WaitForExit();
    Git(work, "reset", "--quiet", "--hard", "main");
    return bytes;
}

static string Git(string directory, params string[] arguments)
{
    var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
    info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
    info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Bench";
    info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "bench@bottle.test";
    using var process = Process.Start(info)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {stderr.Result}");
}

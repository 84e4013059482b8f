// Push of N commits (~10 KB of added text each) through git-gate vs directly to an identical upstream, in one run.
// Usage: dotnet run -c Release --project bench/Bottle.GitGateBench -- [commits=1000] [runs=5] [gate ...]
// Each gate is "inproc" (default: git-gate inside this process, with this process's runtime settings) or
// "<bottle-sidecars apphost or .dll>[|K=V;K=V]": the real `bottle-sidecars git-gate --config FILE` process as a bottle
// runs it, with those environment variables added (e.g. "DOTNET_TieredPGO=0"). Several gates run side by side, one
// push each per run after the direct push, their order rotated per run, so before/after share the machine's state.
// GITGATE_BENCH_MODIFY=1: the commits rewrite 50 files over and over (modifications, diffed) instead of each adding one.
// Upstream: the environment variable GITGATE_BENCH_UPSTREAM picks it (exit code 2 for any other value):
//   "local" (default): bare repositories on local disk, pushed to by path on both sides;
//   "ssh": the same repositories served by a loopback sshd the bench starts (its own config, host key and client key).
//     Direct = `git push ssh://<user>@127.0.0.1:<port>/<path>` with that key and sshd's host key pinned, no proxy (a
//     developer's machine). Gated = git-gate with that ssh URL as its remote, the key as its credential and the host
//     key pinned, reaching sshd only through a real `bottle-sidecars egress` process (CONNECT from `bottle-sidecars
//     connect` as ssh's ProxyCommand): the road a bottle uses. Sidecar gates only ("inproc" is refused); egress runs
//     the first gate's executable. CPU includes sshd (and its sessions) on both paths and egress on both paths.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bottle.GitGateBench;
using Bottle.Sidecars.Configuration;

var commits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var gateSpecs = args.Length > 2 ? args[2..] : ["inproc"];
var mode = Environment.GetEnvironmentVariable("GITGATE_BENCH_UPSTREAM") is { Length: > 0 } m ? m : "local";
if (mode is not ("local" or "ssh"))
{
    await Console.Error.WriteLineAsync($"GITGATE_BENCH_UPSTREAM={mode}: not an upstream mode; use local or ssh");
    return 2;
}

if (mode == "ssh" && gateSpecs.Contains("inproc"))
{
    await Console.Error.WriteLineAsync("GITGATE_BENCH_UPSTREAM=ssh: gate \"inproc\" is not supported there; name a bottle-sidecars executable");
    return 2;
}

var root = Directory.CreateTempSubdirectory("gitgate-bench-").FullName;
var gates = new List<IBenchGate>();
SshUpstream? sshd = null;
EgressSidecar? egress = null;
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
    var modify = Environment.GetEnvironmentVariable("GITGATE_BENCH_MODIFY") == "1";
    var diffBytes = Generate(work, commits, modify);
    Console.WriteLine($"{commits} commits ({(modify ? "rewriting 50 files" : "each adding a file")}), {diffBytes / 1024.0 / 1024.0:F1} MiB of added text, {runs} runs (fresh upstreams each run), upstream: {mode}, gates: {string.Join(", ", gateSpecs)}");
    Dictionary<string, string> pushEnvironment = [];
    if (mode == "ssh")
    {
        sshd = await SshUpstream.StartAsync(root);
        egress = await EgressSidecar.StartAsync(gateSpecs[0].Split('|')[0], root, sshd.Port);
        pushEnvironment["GIT_SSH_COMMAND"] = sshd.GitSshCommand;
        Console.WriteLine($"sshd on 127.0.0.1:{sshd.Port}, egress at {egress.ProxyUrl} (git-gate may CONNECT to 127.0.0.0/8 port {sshd.Port} only)");
    }

    // Every process besides the bench's own children whose CPU a push costs: sshd and its sessions, egress.
    double ServerCpu() => (sshd?.CpuSeconds() ?? 0) + (egress?.Process.CpuSeconds() ?? 0);
    string Target(string path) => sshd?.Url(path) ?? path;

    // One git-gate per spec for the whole run, as in a bottle (the sidecar lives as long as the bottle): a remote per
    // run, each with its own fresh upstream cloned from the seed, so every push carries all the commits. Run 1 is each
    // gate's first push (cold JIT); it is printed and counted like the others.
    var upstreams = new List<List<string>>();
    foreach (var (spec, g) in gateSpecs.Select((spec, g) => (spec, g)))
    {
        var mine = Enumerable.Range(0, runs).Select(run => Path.Combine(root, $"gate{g}-{run}.git")).ToList();
        foreach (var upstream in mine)
        {
            Git(root, "clone", "--bare", "--quiet", seed, upstream);
        }

        upstreams.Add(mine);
        gates.Add(await StartGateAsync(spec, root, mine, sshd, egress?.ProxyUrl));
    }

    var direct = new List<Sample>();
    var gated = gates.Select(_ => new List<Sample>()).ToList();
    for (var run = 0; run < runs; run++)
    {
        var directUpstream = Path.Combine(root, $"direct-{run}.git");
        Git(root, "clone", "--bare", "--quiet", seed, directUpstream);
        var cpu = CpuTime.Read("self", children: true) + ServerCpu();
        var watch = Stopwatch.StartNew();
        GitWith(pushEnvironment, work, "push", "--quiet", Target(directUpstream), "HEAD:refs/heads/bottle/bench");
        var directWall = watch.Elapsed.TotalSeconds;
        direct.Add(new Sample(directWall, CpuTime.Read("self", children: true) + ServerCpu() - cpu, 0));
        if (Git(directUpstream, "rev-parse", "refs/heads/bottle/bench") != Git(work, "rev-parse", "HEAD"))
        {
            throw new InvalidOperationException("the direct push did not land upstream");
        }

        var line = new StringBuilder($"run {run + 1}: direct {direct[^1].Wall:F2} s (CPU {direct[^1].Cpu:F2} s)");

        for (var i = 0; i < gates.Count; i++)
        {
            var g = (i + run) % gates.Count;
            var gate = gates[g];
            cpu = CpuTime.Read("self", children: true) + gate.ExternalCpuSeconds() + ServerCpu();
            var own = gate.OwnCpuSeconds();
            watch.Restart();
            Git(work, "push", "--quiet", gate.RemoteUrl($"origin{run}").ToString(), "HEAD:refs/heads/bottle/bench");
            var wall = watch.Elapsed.TotalSeconds;
            gated[g].Add(new Sample(wall, CpuTime.Read("self", children: true) + gate.ExternalCpuSeconds() + ServerCpu() - cpu, gate.OwnCpuSeconds() - own));
            if (Git(upstreams[g][run], "rev-parse", "refs/heads/bottle/bench") != Git(work, "rev-parse", "HEAD"))
            {
                throw new InvalidOperationException($"the push through git-gate {gate.Name} did not land upstream");
            }
        }

        for (var g = 0; g < gates.Count; g++)
        {
            var s = gated[g][^1];
            line.Append(CultureInfo.InvariantCulture, $"; [{g}] {s.Wall:F2} s (CPU {s.Cpu:F2} s, gate's own .NET {s.Own:F2} s)");
        }

        Console.WriteLine(line.Append(CultureInfo.InvariantCulture, $"; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        if (egress is not null)
        {
            var tunnels = egress.Process.DrainLog().Count(l => l.Contains("\"CONNECT\"", StringComparison.Ordinal) && l.Contains("\"allow\"", StringComparison.Ordinal));
            Console.WriteLine($"    egress: {tunnels} CONNECT tunnel(s) allowed this run");
        }

        foreach (var gate in gates)
        {
            foreach (var log in gate.DrainLog())
            {
                Console.WriteLine($"    [{gates.IndexOf(gate)}] {log}");
            }
        }
    }

    // Warm = from run 4 on (past the first pushes' tiered JIT), when there are enough runs.
    var warmFrom = runs >= 6 ? 3 : 0;
    Console.WriteLine();
    Console.WriteLine("| gate | runs | direct wall | gate wall | wall ratio | direct CPU | gate CPU | CPU ratio | gate's own .NET CPU |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    for (var g = 0; g < gates.Count; g++)
    {
        foreach (var (label, from) in warmFrom == 0 ? new[] { ("all", 0) } : [("all", 0), ($"{warmFrom + 1}-{runs}", warmFrom)])
        {
            var d = direct.Skip(from).ToList();
            var s = gated[g].Skip(from).ToList();
            double dw = Median(d.Select(x => x.Wall)), gw = Median(s.Select(x => x.Wall)), dc = Median(d.Select(x => x.Cpu)), gc = Median(s.Select(x => x.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| [{g}] {gateSpecs[g]} | {label} | {dw:F2} s | {gw:F2} s | {gw / dw:F2}x | {dc:F2} s | {gc:F2} s | {gc / dc:F2}x | {Median(s.Select(x => x.Own)):F2} s |"));
        }
    }
}
finally
{
    foreach (var gate in gates)
    {
        await gate.DisposeAsync();
    }

    if (egress is not null)
    {
        await egress.DisposeAsync();
    }

    sshd?.Dispose();
    Directory.Delete(root, recursive: true);
}

return 0;

static async Task<IBenchGate> StartGateAsync(string spec, string root, IReadOnlyList<string> upstreams, SshUpstream? sshd, string? egressProxy)
{
    if (spec == "inproc")
    {
        return await InProcessGate.StartAsync(root, upstreams);
    }

    var parts = spec.Split('|', 2);
    var environment = (parts.Length > 1 ? parts[1] : string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty);
    // Local upstreams are paths (no host: git-gate pushes to them directly); ssh ones are the sshd's URLs, with the
    // client key as the credential and sshd's host key pinned, reached through egress.
    IReadOnlyList<string> push = ["refs/heads/bottle/*"];
    var remotes = upstreams.Select((path, run) => sshd is null
        ? new GitRemoteConfig($"origin{run}", path, string.Empty, 0, push, false, false, false, null, null, [], [])
        : new GitRemoteConfig($"origin{run}", sshd.Url(path), "127.0.0.1", sshd.Port, push, false, false, false, "bench-ssh-key", sshd.ClientKeyFile, [], [sshd.HostPublicKey])).ToList();
    return await SidecarGate.StartAsync(spec, parts[0], environment, root, remotes, egressProxy ?? "http://127.0.0.1:9"); // local: never dialled
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// Builds the commits with git fast-import: each adds (or, with modify, rewrites) a ~10 KB source-like file (deterministic pseudo-random words,
// so packs do not compress to nothing and the scanner sees realistic text).
static long Generate(string work, int commits, bool modify)
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
        stream.Append($"M 644 inline src/module{i % 50}/file{(modify ? i % 50 : i)}.cs\ndata {Encoding.UTF8.GetByteCount(file.ToString())}\n{file}\n");
    }

    var info = new ProcessStartInfo("git", ["fast-import", "--quiet"]) { WorkingDirectory = work, RedirectStandardInput = true };
    using var process = Process.Start(info)!;
    process.StandardInput.Write(stream.ToString());
    process.StandardInput.Close();
    process.WaitForExit();
    Git(work, "reset", "--quiet", "--hard", "main");
    return bytes;
}

static string Git(string directory, params string[] arguments) => GitWith(new Dictionary<string, string>(), directory, arguments);

static string GitWith(IReadOnlyDictionary<string, string> environment, string directory, params string[] arguments)
{
    var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var (key, value) in environment)
    {
        info.Environment[key] = value;
    }

    info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
    info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Bench";
    info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "bench@bottle.test";
    using var process = Process.Start(info)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {stderr.Result}");
}

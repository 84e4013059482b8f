using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Configuration;

namespace Bottle.GitGateBench;

/// <summary>
/// The real <c>bottle-sidecars git-gate --config FILE</c> process, as a bottle runs it (default DLP rules, audit to a
/// file, logs to stdout), with extra environment variables (runtime knobs). Its state lives under its own TMPDIR, so
/// several gates can run side by side. CPU is read from outside: its /proc stat, git children included once reaped.
/// </summary>
internal sealed class SidecarGate : IBenchGate
{
    private readonly Process process;
    private readonly int httpPort;
    private readonly ConcurrentQueue<string> log = new();

    private SidecarGate(string name, Process process, int httpPort)
    {
        Name = name;
        this.process = process;
        this.httpPort = httpPort;
    }

    public string Name { get; }

    /// <summary>
    /// Starts <paramref name="executable"/> (an apphost, or a <c>.dll</c> run with <c>dotnet</c>) as git-gate over
    /// <paramref name="upstreams"/> (remote <c>origin{i}</c> each) and waits until <c>/health</c> answers (mirrors filled).
    /// </summary>
    public static async Task<SidecarGate> StartAsync(string name, string executable, IReadOnlyDictionary<string, string> environment, string root, IReadOnlyList<string> upstreams)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "sidecar-" + Guid.NewGuid().ToString("n")[..8])).FullName;
        var httpPort = FreePort();
        var adminPort = FreePort();
        var config = new GitGateConfig(
            new ListenEndpoint("127.0.0.1", httpPort),
            new ListenEndpoint("127.0.0.1", adminPort),
            [.. upstreams.Select((url, run) => new GitRemoteConfig($"origin{run}", url, string.Empty, 0, ["refs/heads/bottle/*"], false, false, false, null, null, [], []))],
            DlpSettings.Default,
            "http://127.0.0.1:9", // egress: never dialled, the upstreams are local paths
            Path.Combine(dir, "audit.jsonl"),
            Path.Combine(dir, "findings.sarif"));
        var configPath = Path.Combine(dir, "git-gate.yaml");
        await File.WriteAllTextAsync(configPath, SidecarConfigJson.Serialize(config));

        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var arg in new[] { "git-gate", "--config", configPath, "--admin-port", adminPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName;
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var gate = new SidecarGate(name, process, httpPort);
        process.OutputDataReceived += (_, e) => gate.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => gate.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} git-gate exited {process.ExitCode}: {string.Join('\n', gate.log)}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/health"))).StatusCode == HttpStatusCode.OK)
                {
                    gate.DrainLog();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: healthy after {deadline.Elapsed.TotalSeconds:F2} s (mirrors filled), CPU {gate.ExternalCpuSeconds():F2} s of which its own .NET {gate.OwnCpuSeconds():F2} s"));
                    return gate;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                await gate.DisposeAsync();
                throw new InvalidOperationException($"{executable} git-gate was not healthy within 120 s: {string.Join('\n', gate.log)}");
            }

            await Task.Delay(100); // polling for readiness, with the deadline above
        }
    }

    public Uri RemoteUrl(string remote) => new($"http://127.0.0.1:{httpPort}/{remote}.git");

    public double ExternalCpuSeconds() => CpuTime.Read(process.Id.ToString(CultureInfo.InvariantCulture), children: true);

    public double OwnCpuSeconds() => CpuTime.Read(process.Id.ToString(CultureInfo.InvariantCulture), children: false);

    public IReadOnlyList<string> DrainLog()
    {
        // Only the push verdicts (with their phase timings) are worth printing.
        var lines = new List<string>();
        while (log.TryDequeue(out var line))
        {
            if (line.Contains("git-gate accepted a push", StringComparison.Ordinal))
            {
                lines.Add(line.Trim());
            }
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            log.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

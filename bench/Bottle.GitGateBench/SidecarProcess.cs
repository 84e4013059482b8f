using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bottle.GitGateBench;

/// <summary>
/// A real <c>bottle-sidecars &lt;role&gt; --config FILE</c> process (an apphost, or a <c>.dll</c> run with
/// <c>dotnet</c>), started and polled until its <c>/health</c> answers; its output is kept, its CPU read from outside.
/// </summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private SidecarProcess(Process process) => this.process = process;

    /// <summary>Starts <paramref name="executable"/> as <paramref name="role"/> and waits (120 s at most) until it is healthy.</summary>
    public static async Task<SidecarProcess> StartAsync(string executable, string role, string configPath, int adminPort, IReadOnlyDictionary<string, string> environment)
    {
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var arg in new[] { role, "--config", configPath, "--admin-port", adminPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var started = new SidecarProcess(Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start"));
        started.process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (started.process.HasExited)
            {
                throw new InvalidOperationException($"{executable} {role} exited {started.process.ExitCode}: {string.Join('\n', started.log)}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return started;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                await started.DisposeAsync();
                throw new InvalidOperationException($"{executable} {role} was not healthy within 120 s: {string.Join('\n', started.log)}");
            }

            await Task.Delay(100); // polling for readiness, with the deadline above
        }
    }

    /// <summary>CPU seconds of the process and its reaped children (git, ssh and its ProxyCommand for git-gate).</summary>
    public double CpuSeconds() => CpuTime.Read(process.Id.ToString(CultureInfo.InvariantCulture), children: true);

    /// <summary>CPU seconds of the process's own (.NET) code.</summary>
    public double OwnCpuSeconds() => CpuTime.Read(process.Id.ToString(CultureInfo.InvariantCulture), children: false);

    /// <summary>The output lines since the last call.</summary>
    public IReadOnlyList<string> DrainLog()
    {
        var lines = new List<string>();
        while (log.TryDequeue(out var line))
        {
            lines.Add(line);
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

    /// <summary>A loopback port free right now (the OS picks it; the process binds it moments later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            log.Enqueue(line);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Bottle.ProxyBench;

/// <summary>
/// The real <c>bottle-sidecars pipelock</c> process, as a bottle runs it: its own config file, the default DLP
/// rules, the egress connector (clear HTTP/1.1, pointed here at nginx's plain port standing in for egress), audit to
/// a file and to stdout (drained, as Docker's log driver drains it). Measured from outside: RSS from /proc.
/// </summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SidecarProcess(Process process, int proxyPort, int adminPort)
    {
        _process = process;
        ProxyPort = proxyPort;
        AdminPort = adminPort;
    }

    public int ProxyPort { get; }

    public int AdminPort { get; }

    public int Id => _process.Id;

    /// <summary>
    /// Starts <paramref name="executable"/> (an apphost, or a <c>.dll</c> run with <c>dotnet</c>) as pipelock with
    /// <paramref name="configPath"/>, with <paramref name="environment"/> added, and waits until <c>/health</c> answers.
    /// </summary>
    public static async Task<SidecarProcess> StartAsync(string executable, string configPath, int proxyPort, int adminPort, IReadOnlyDictionary<string, string> environment)
    {
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var a in new[] { "pipelock", "--config", configPath, "--admin-port", adminPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sidecar = new SidecarProcess(process, proxyPort, adminPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"bottle-sidecars pipelock exited {process.ExitCode}: {stderr}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return sidecar;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"bottle-sidecars pipelock was not healthy within 60 s: {stderr}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

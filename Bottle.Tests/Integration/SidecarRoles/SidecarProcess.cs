using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Bottle.Tests.Integration.SidecarRoles;

/// <summary>The real <c>bottle-sidecars</c> executable started as a child process (from the test's output folder).</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SidecarProcess(Process process, int adminPort)
    {
        _process = process;
        AdminPort = adminPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int AdminPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SidecarProcess Start(params string[] args)
    {
        var adminPort = SidecarConfigSet.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bottle-sidecars.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--admin-port");
        info.ArgumentList.Add(adminPort.ToString(CultureInfo.InvariantCulture));
        return new SidecarProcess(Process.Start(info)!, adminPort);
    }

    /// <summary>Polls <c>/health</c> until it answers 200 (or the process exits, or the deadline passes).</summary>
    public async Task<string> WaitHealthyAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new AssertFailedException($"bottle-sidecars exited {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{AdminPort}/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken); // poll interval, not synchronisation: the deadline decides
        }

        throw new AssertFailedException($"bottle-sidecars was not healthy within {deadline}:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

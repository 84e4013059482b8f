using System.Diagnostics;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs a build tool (<c>docker</c>, <c>dotnet</c>) and streams its stdout and stderr, line by line, to a callback.
/// Keeps the last lines so a failure can say what went wrong; kills the process tree on cancellation.
/// </summary>
internal static class ImageBuilderProcess
{
    private const int TailLines = 20;

    /// <summary>The exit code and the last output lines of a finished process.</summary>
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Tail)
    {
        public string Describe() => string.Join('\n', Tail);
    }

    public static async Task<Outcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        Action<string>? onLine,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var tail = new Queue<string>();
        void Record(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }

            onLine?.Invoke(line);
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start '{fileName}': {ex.Message} (is it installed and on PATH?)", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // WaitForExitAsync also waits for the redirected streams to reach end of file.
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (tail)
        {
            return new Outcome(process.ExitCode, [.. tail]);
        }
    }
}

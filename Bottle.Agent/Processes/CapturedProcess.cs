using System.ComponentModel;
using System.Diagnostics;

namespace Bottle.Agent.Processes;

/// <summary>Runs a helper tool of the shim (git, update-ca-certificates) to completion and captures its output.</summary>
internal static class CapturedProcess
{
    /// <summary>What a finished helper printed; <c>ExitCode</c> is -1 when it could not start (<c>StdErr</c> says why).</summary>
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr);

    public static async Task<Outcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IDictionary<string, string>? environment,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception($"{fileName} did not start");
        }
        catch (Win32Exception ex)
        {
            return new Outcome(-1, string.Empty, $"cannot run '{fileName}': {ex.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Outcome(process.ExitCode, await stdout, await stderr);
        }
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs the <c>docker</c> client (or any program) with an empty stdin and captures stdout and stderr
/// separately; kills the process tree when cancelled, so no client outlives the caller.
/// </summary>
public static class DockerCli
{
    /// <summary>The Docker client's file name.</summary>
    public const string Docker = "docker";

    /// <summary>Runs <c>docker</c> with <paramref name="arguments"/>.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunProgramAsync(Docker, arguments, cancellationToken);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and waits for it to exit.</summary>
    public static async Task<ProcessResult> RunProgramAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        using var process = Start(program, arguments, redirectStdin: true);
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

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <paramref name="program"/> with stdout and stderr redirected; the caller reads and disposes it.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectStdin)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"cannot start '{program}'");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start '{program}': {ex.Message} (is it installed and on PATH?)", ex);
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace Bottle.Sidecars.GitGate.Git;

/// <summary>
/// Starts the real <c>git</c> with a clean environment: inherited <c>GIT_*</c> variables are dropped (a stray
/// <c>GIT_DIR</c> must never point a command at another repository), system and global config are ignored so
/// the host's settings cannot change what git-gate does, and prompts are off so nothing ever waits on a tty.
/// </summary>
internal sealed class GitRunner(string gitExecutable)
{
    /// <summary>Builds a start info for git with the clean environment plus <paramref name="environment"/>.</summary>
    public ProcessStartInfo CreateStartInfo(
        string? workingDirectory,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var info = new ProcessStartInfo(gitExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Starts git; the caller owns the streams and must dispose the process.</summary>
    public Process Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            return Process.Start(info) ?? throw new GitCommandException($"could not start '{gitExecutable}'");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitCommandException($"could not start '{gitExecutable}': {ex.Message}", ex);
        }
    }

    /// <summary>Runs git to completion, capturing its output; the process is killed if <paramref name="cancellationToken"/> fires.</summary>
    public async Task<GitResult> RunAsync(
        string? workingDirectory,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var info = CreateStartInfo(workingDirectory, arguments, environment);
        using var process = Start(info);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await WaitForExitAsync(process, cancellationToken);
        return new GitResult(process.ExitCode, await stdout, (await stderr).Trim());
    }

    /// <summary>Runs git and throws a <see cref="GitCommandException"/> naming the command when it fails.</summary>
    public async Task<string> RunCheckedAsync(
        string? workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken, environment);
        return result.Succeeded
            ? result.StandardOutput
            : throw new GitCommandException($"'git {Describe(arguments)}' failed (exit {result.ExitCode}): {result.StandardError}");
    }

    /// <summary>Waits for exit; on cancellation kills the process tree so no git outlives its request.</summary>
    public static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>Kills the process tree if it still runs.</summary>
    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to kill.
        }
    }

    /// <summary>A short rendering of a git command line for error messages.</summary>
    public static string Describe(IEnumerable<string> arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(argument.Length > 80 ? argument[..80] + "…" : argument);
        }

        return text.ToString();
    }
}

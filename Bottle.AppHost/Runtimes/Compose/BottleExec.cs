namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs a command in a bottle's agent through the shim, <c>docker exec &lt;agent&gt; bottle-agent -- &lt;command&gt;</c>,
/// so it sees the bottle as the agent does (CA trusted, proxy set, git rewritten, workspace ready). Output is copied
/// to the given writers as it comes; no stdin, no terminal. Used by <c>run</c> and by BottleTesting.
/// </summary>
public static class BottleExec
{
    /// <summary>The shim's name on the agent image's PATH.</summary>
    public const string Shim = "bottle-agent";

    /// <summary>The <c>docker</c> arguments that run <paramref name="command"/> through the shim in <paramref name="agentContainer"/>.</summary>
    public static IReadOnlyList<string> DockerArguments(string agentContainer, IReadOnlyList<string> command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentContainer);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("the command to run in the agent is empty", nameof(command));
        }

        return ["exec", agentContainer, Shim, "--", .. command];
    }

    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="agentContainer"/> and returns its exit code (the shim passes it
    /// through; 125 is the shim's own failure). Cancelling kills the <c>docker exec</c> client; the command inside
    /// ends with the container (Docker does not forward a client's death to an exec without a terminal).
    /// </summary>
    public static async Task<int> RunAsync(
        string agentContainer, IReadOnlyList<string> command, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var arguments = DockerArguments(agentContainer, command);
        cancellationToken.ThrowIfCancellationRequested();
        using var process = DockerCli.Start(DockerCli.Docker, arguments, redirectStdin: true);
        process.StandardInput.Close();

        // Killing the client closes its pipes, which ends the copies below: no read is left waiting on a dead process.
        using (cancellationToken.Register(() => KillQuietly(process)))
        {
            await Task.WhenAll(CopyAsync(process.StandardOutput, stdout), CopyAsync(process.StandardError, stderr));
            await process.WaitForExitAsync(CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read));
            await to.FlushAsync();
        }
    }

    private static void KillQuietly(System.Diagnostics.Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;

namespace Bottle.AppHost.Cli;

/// <summary>The <c>bottle</c> command line. Each verb lives in its own <c>*Command.cs</c>, so one can be rebuilt without touching the others.</summary>
public static class BottleCli
{
    /// <summary>The root command with every verb.</summary>
    public static RootCommand CreateRootCommand() =>
        new("bottle: run an AI coding agent in a sandbox whose only ways out are its sidecars (pipelock, egress, git-gate).")
        {
            UpCommand.Create(),
            PlanCommand.Create(),
            DownCommand.Create(),
            LsCommand.Create(),
            PruneCommand.Create(),
            AttachCommand.Create(),
            ExecCommand.Create(),
            RunCommand.Create(),
            ApplyCommand.Create(),
            AuditCommand.Create(),
            PublishCommand.Create(),
        };

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parseResult = CreateRootCommand().Parse(args);

        // System.CommandLine answers parse errors with exit 1; ours is 2, "usage error, nothing was done".
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"bottle: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'bottle --help' for usage.");
            return ExitCodes.UsageError;
        }

        // No ProcessTerminationTimeout: System.CommandLine would end the process 2 s after Ctrl-C/SIGTERM, in the
        // middle of 'up''s teardown. 'up' handles those signals itself; other verbs keep the default (the signal ends them).
        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken);
    }
}

using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle attach &lt;bottle&gt;</c>: talk to the agent (<c>docker exec -it</c> of the agent's command; the TTY size follows this terminal).</summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("attach", "Attach your terminal to the agent's command in a running bottle.") { target, stateDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (await ComposeVerbSymbols.FindAsync(result.GetRequiredValue(target), BottleStateRoot.Resolve(result.GetValue(stateDir)), error, cancellationToken) is not { } bottle)
            {
                return ExitCodes.RuntimeFailure;
            }

            if (Console.IsInputRedirected || Console.IsOutputRedirected)
            {
                await error.WriteLineAsync("bottle: attach needs a terminal; use 'bottle exec <bottle> -- CMD' without one");
                return ExitCodes.UsageError;
            }

            IReadOnlyList<string> agentCommand = bottle.AgentCommand.Count > 0 ? bottle.AgentCommand : ["bash", "-l"];
            return await ExecCommand.RunInTerminalAsync(
                ["exec", "--interactive", "--tty", "--workdir", bottle.AgentWorkdir, bottle.Containers[ComposeServiceNames.Agent], .. agentCommand],
                cancellationToken);
        });
        return command;
    }
}

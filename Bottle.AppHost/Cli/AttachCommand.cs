using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle attach &lt;bottle&gt;</c>: talk to the agent (<c>docker exec -it &lt;agent&gt; bottle-agent -- &lt;command&gt;</c>; see <see cref="DockerTerminal"/> for the terminal).</summary>
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
            // Through the shim, like 'run' and 'exec': the agent's command sees the bottle (CA, proxy, git rewrites, workspace).
            return await DockerTerminal.RunAsync(
                ["exec", "--interactive", "--tty", "--workdir", bottle.AgentWorkdir, bottle.Containers[ComposeServiceNames.Agent], BottleExec.Shim, "--", .. agentCommand],
                cancellationToken);
        });
        return command;
    }
}

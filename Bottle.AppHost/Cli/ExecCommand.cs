using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle exec &lt;bottle&gt; -- &lt;command...&gt;</c>: run a command in the agent container; its exit code is ours.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var argv = new Argument<string[]>("command") { Description = "The command and its arguments (after '--').", Arity = ArgumentArity.OneOrMore };
        var tty = new Option<bool>("--tty", "-t") { Description = "Give the command a terminal (and this terminal's input)." };
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("exec", "Run a command inside the agent container of a running bottle.") { target, argv, tty, stateDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (await ComposeVerbSymbols.FindAsync(result.GetRequiredValue(target), BottleStateRoot.Resolve(result.GetValue(stateDir)), error, cancellationToken) is not { } bottle)
            {
                return ExitCodes.RuntimeFailure;
            }

            var container = bottle.Containers[ComposeServiceNames.Agent];
            if (result.GetValue(tty))
            {
                return await DockerTerminal.RunAsync(["exec", "--interactive", "--tty", container, .. result.GetRequiredValue(argv)], cancellationToken);
            }

            // Without a terminal: no stdin, output copied through as it comes.
            using var process = DockerCli.Start(DockerCli.Docker, ["exec", container, .. result.GetRequiredValue(argv)], redirectStdin: true);
            process.StandardInput.Close();
            var output = result.InvocationConfiguration.Output;
            await Task.WhenAll(CopyAsync(process.StandardOutput, output, cancellationToken), CopyAsync(process.StandardError, error, cancellationToken));
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        });
        return command;
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await to.FlushAsync(cancellationToken);
        }
    }
}

using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle prune</c>: remove what stopped or crashed bottles left behind.</summary>
internal static class PruneCommand
{
    public static Command Create()
    {
        var yes = CliSymbols.Yes();
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("prune", "Remove the containers, networks and state of bottles whose app host is gone (found by label).") { yes, stateDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var pruned = await BottleInventory.PruneAsync(BottleStateRoot.Resolve(result.GetValue(stateDir)), line => output.WriteLine(line), cancellationToken);
            await output.WriteLineAsync(pruned.Count == 0 ? "nothing to prune" : $"pruned {pruned.Count} bottle(s): {string.Join(", ", pruned)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle prune</c>: remove what stopped or crashed bottles left behind.</summary>
internal static class PruneCommand
{
    public static Command Create()
    {
        var yes = CliSymbols.Yes();
        var command = new Command("prune", "Remove containers and networks of bottles that are no longer running (found by label).") { yes };
        command.SetAction(result => NotBuiltYet.Report(result, "prune"));
        return command;
    }
}

using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle ls</c>: list the bottles on this machine.</summary>
internal static class LsCommand
{
    public static Command Create()
    {
        var format = CliSymbols.Format("the list");
        var command = new Command("ls", "List the bottles on this machine with their state and health.") { format };
        command.SetAction(result => NotBuiltYet.Report(result, "ls"));
        return command;
    }
}

using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle down &lt;bottle&gt;</c>: stop a bottle, saving its logs first.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var command = new Command("down", "Stop a bottle: save its logs, then remove its containers and networks.") { target };
        command.SetAction(result => NotBuiltYet.Report(result, "down"));
        return command;
    }
}

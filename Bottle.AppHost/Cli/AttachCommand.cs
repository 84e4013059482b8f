using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle attach &lt;bottle&gt;</c>: talk to the agent.</summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var command = new Command("attach", "Attach your terminal to the agent's command in a running bottle.") { target };
        command.SetAction(result => NotBuiltYet.Report(result, "attach"));
        return command;
    }
}

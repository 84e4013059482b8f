using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle apply &lt;manifest&gt;</c>: push a changed policy to a running bottle.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var command = new Command("apply", "Apply a changed manifest's egress and DLP policy to its running bottle (atomic; a bad config keeps the old one).")
        {
            manifest,
        };
        command.SetAction(result => NotBuiltYet.Report(result, "apply"));
        return command;
    }
}

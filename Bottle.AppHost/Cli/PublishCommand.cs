using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle publish &lt;manifest&gt;</c>: write the bottle's deployable artifacts without starting it.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var output = new Option<string>("--output", "-o") { Description = "The folder to write to.", DefaultValueFactory = _ => "publish" };
        var command = new Command("publish", "Write the bottle's Compose project and sidecar configs (or smolvm artifact) to a folder, without starting it.")
        {
            manifest,
            output,
        };
        command.SetAction(result => NotBuiltYet.Report(result, "publish"));
        return command;
    }
}

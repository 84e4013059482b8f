using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle run &lt;manifest&gt; -- &lt;command...&gt;</c>: a bottle for one command (CI).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var argv = new Argument<string[]>("command") { Description = "The command to run in the agent (after '--').", Arity = ArgumentArity.OneOrMore };
        var artifacts = new Option<string>("--artifacts") { Description = "Where to save logs, audit and findings (JSON, SARIF, JUnit).", DefaultValueFactory = _ => "artifacts" };
        var command = new Command("run", "Start a bottle, run one command in it, save artifacts, tear down, exit with the command's code.")
        {
            manifest,
            argv,
            artifacts,
        };
        command.SetAction(result => NotBuiltYet.Report(result, "run"));
        return command;
    }
}

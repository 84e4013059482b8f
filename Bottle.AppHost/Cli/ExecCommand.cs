using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle exec &lt;bottle&gt; -- &lt;command...&gt;</c>: run a command in the agent container.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var argv = new Argument<string[]>("command") { Description = "The command and its arguments (after '--').", Arity = ArgumentArity.OneOrMore };
        var tty = new Option<bool>("--tty", "-t") { Description = "Give the command a terminal." };
        var command = new Command("exec", "Run a command inside the agent container of a running bottle.") { target, argv, tty };
        command.SetAction(result => NotBuiltYet.Report(result, "exec"));
        return command;
    }
}

using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle up &lt;manifest&gt;</c>: start a bottle. Only <c>--dry-run</c> (the plan) is built so far.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and stop (same as 'bottle plan')." };
        var format = CliSymbols.Format("the plan with --dry-run");
        var yes = CliSymbols.Yes();
        var command = new Command("up", "Start a bottle: networks, sidecars, agent. Shows the plan summary and asks before launching.")
        {
            manifest,
            dryRun,
            format,
            yes,
        };
        command.SetAction((result, cancellationToken) => result.GetValue(dryRun)
            ? PlanCommand.RunAsync(result, result.GetRequiredValue(manifest), result.GetValue(format), cancellationToken)
            : Task.FromResult(NotBuiltYet.Report(result, "up", "use --dry-run to see the plan")));
        return command;
    }
}

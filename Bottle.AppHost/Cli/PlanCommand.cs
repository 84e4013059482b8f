using System.CommandLine;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle plan &lt;manifest&gt; [--format json|text]</c>: validate the manifest and print the plan; touches nothing.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var manifest = CliSymbols.Manifest();
        var format = CliSymbols.Format("the plan");
        var command = new Command("plan", "Validate a manifest and print the bottle's plan (networks, addresses, configs). No Docker call, no file written.")
        {
            manifest,
            format,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result, result.GetRequiredValue(manifest), result.GetValue(format), cancellationToken));
        return command;
    }

    /// <summary>Loads, plans and prints; shared with <c>up --dry-run</c>.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, string manifestPath, PlanFormat format, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var loaded = await ManifestLoader.LoadAsync(manifestPath, cancellationToken);
        if (!loaded.Succeeded)
        {
            foreach (var line in loaded.FormatErrors())
            {
                await error.WriteLineAsync(line);
            }

            await error.WriteLineAsync($"bottle: {loaded.Errors.Count} error(s) in {manifestPath}; nothing was done");
            return ExitCodes.UsageError;
        }

        var plan = BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default);
        await output.WriteAsync(format == PlanFormat.Json ? PlanJson.Serialize(plan) : PlanTextRenderer.Render(plan));
        await output.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle down &lt;bottle&gt;</c>: stop a bottle, saving its logs first.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var target = CliSymbols.Target();
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("down", "Stop a bottle: save its logs, then remove its containers and networks.") { target, stateDir };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result, result.GetRequiredValue(target), BottleStateRoot.Resolve(result.GetValue(stateDir)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string target, BottleStateRoot root, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var slug = target;
        if (File.Exists(target) && await ComposeVerbSymbols.FindAsync(target, root, error, cancellationToken) is { } found)
        {
            slug = found.Slug;
        }

        var listing = (await BottleInventory.ListAsync(root, cancellationToken)).FirstOrDefault(b => b.Slug == slug);
        if (listing is null)
        {
            await error.WriteLineAsync($"bottle: no bottle '{slug}' on this machine (see 'bottle ls')");
            return ExitCodes.RuntimeFailure;
        }

        var teardown = listing.Metadata is { } metadata
            ? TeardownTarget.From(metadata)
            : new TeardownTarget(slug, $"bottle-{slug}", listing.StateDirectory ?? root.For(slug), listing.Networks);
        await ComposeTeardown.RunAsync(teardown, line => output.WriteLine(line), cancellationToken);
        await output.WriteLineAsync($"bottle {slug} is down; its logs are in {Path.Combine(teardown.StateDirectory, ComposeTeardown.LogFileName)}");
        return ExitCodes.Ok;
    }
}

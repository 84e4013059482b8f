using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary>
/// <c>bottle prune</c>: remove what stopped or crashed bottles left behind, and the Bottle images nothing uses any
/// more (old content-hash builds; see <see cref="ImagePrune"/>).
/// </summary>
internal static class PruneCommand
{
    /// <summary>The repositories of the images Bottle builds, the only ones whose images prune removes.</summary>
    private static readonly string[] Repositories =
        [ImageBuilderContexts.SidecarsRepository, ImageBuilderContexts.AgentRepository, ImageBuilderContexts.ClaudeRepository];

    public static Command Create()
    {
        var yes = CliSymbols.Yes();
        var stateDir = ComposeVerbSymbols.StateDir();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be removed; remove nothing." };
        var keepImages = new Option<bool>("--keep-images") { Description = "Remove no images, only what orphaned bottles left behind." };
        var command = new Command(
            "prune",
            "Remove the containers, networks and state of bottles whose app host is gone (found by label), and Bottle-built images "
            + $"({string.Join(", ", Repositories)}) that no container uses and that are not current (the ':local' names 'up' runs, "
            + "or this checkout's latest build).")
        {
            yes, stateDir, dryRun, keepImages,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var root = BottleStateRoot.Resolve(result.GetValue(stateDir));
            var dry = result.GetValue(dryRun);
            IReadOnlyList<string> pruned = dry
                ? [.. (await BottleInventory.ListAsync(root, cancellationToken)).Where(b => b.IsOrphan).Select(b => b.Slug)]
                : await BottleInventory.PruneAsync(root, line => output.WriteLine(line), cancellationToken);
            await output.WriteLineAsync(
                pruned.Count == 0 ? "no orphaned bottles"
                : dry ? $"would prune {pruned.Count} bottle(s): {string.Join(", ", pruned)}"
                : $"pruned {pruned.Count} bottle(s): {string.Join(", ", pruned)}");

            if (!result.GetValue(keepImages))
            {
                var images = await PruneImagesAsync(dry, line => output.WriteLine(line), cancellationToken);
                foreach (var image in images)
                {
                    await output.WriteLineAsync(image.Describe(dry));
                }

                await output.WriteLineAsync(images.Count == 0 ? "no unused Bottle images" : $"{(dry ? "would remove" : "removed")} {images.Count} unused Bottle image tag(s)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // Under this checkout's build lock, so an 'up' from it can neither be staging the context hashed here nor
    // have built an image it has not yet tagged as its default name.
    private static async Task<IReadOnlyList<PrunableImage>> PruneImagesAsync(bool dryRun, Action<string> progress, CancellationToken cancellationToken)
    {
        var repositoryRoot = ImageBuilderContexts.FindRepositoryRoot(AppContext.BaseDirectory);
        using var buildLock = repositoryRoot is null ? null : await ImageBuilderContexts.AcquireBuildLockAsync(repositoryRoot, cancellationToken);
        var current = await ImagePrune.CurrentImagesAsync(Repositories, repositoryRoot, cancellationToken);
        return await ImagePrune.RunAsync(Repositories, current, dryRun, progress, cancellationToken);
    }
}

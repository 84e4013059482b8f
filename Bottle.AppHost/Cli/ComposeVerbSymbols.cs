using System.CommandLine;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary>Options the Docker-runtime verbs (up, down, ls, prune, exec, attach) share.</summary>
internal static class ComposeVerbSymbols
{
    public static Option<string?> StateDir() =>
        new("--state-dir") { Description = $"Where bottles keep their state (default: ${BottleStateRoot.Variable}, else ~/.local/state/bottle)." };

    /// <summary>Finds the metadata of a running bottle from its slug or its manifest path; null (with a message) when there is none.</summary>
    public static async Task<BottleMetadata?> FindAsync(string target, BottleStateRoot root, TextWriter error, CancellationToken cancellationToken)
    {
        var slug = target;
        if (File.Exists(target))
        {
            var loaded = await Manifest.ManifestLoader.LoadAsync(target, cancellationToken);
            if (!loaded.Succeeded)
            {
                await error.WriteLineAsync($"bottle: {target} is not a valid manifest: {string.Join("; ", loaded.FormatErrors())}");
                return null;
            }

            slug = Planning.BottleSlug.Create(loaded.Manifest!.Name, loaded.Manifest.Instance);
        }

        var listing = (await BottleInventory.ListAsync(root, cancellationToken)).FirstOrDefault(b => b.Slug == slug);
        if (listing?.Metadata is { } metadata)
        {
            return metadata;
        }

        await error.WriteLineAsync(listing is null
            ? $"bottle: no bottle '{slug}' on this machine (see 'bottle ls')"
            : $"bottle: bottle '{slug}' has no readable metadata.json in '{listing.StateDirectory}'; 'bottle prune' removes what is left of it");
        return null;
    }
}

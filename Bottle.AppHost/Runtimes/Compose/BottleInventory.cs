namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Finds the bottles on this machine: every container and network labelled <c>io.bottle.managed=true</c>,
/// grouped by slug, plus state directories under the state root whose <c>metadata.json</c> names a bottle
/// that has nothing left in Docker. <c>ls</c> shows them; <c>prune</c> and <c>up</c> remove the orphans.
/// </summary>
public static class BottleInventory
{
    private const char Separator = '\t';

    /// <summary>Lists the bottles, sorted by slug.</summary>
    public static async Task<IReadOnlyList<BottleListing>> ListAsync(BottleStateRoot stateRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateRoot);
        var containers = Rows(await DockerCli.RunAsync(
            ["ps", "--all", "--filter", BottleLabels.ManagedFilter, "--format",
             $"{{{{.Label \"{BottleLabels.Slug}\"}}}}\t{{{{.Label \"{BottleLabels.StateDirectory}\"}}}}\t{{{{.Names}}}}\t{{{{.Label \"{BottleLabels.Service}\"}}}}\t{{{{.State}}}}\t{{{{.Status}}}}"],
            cancellationToken), "docker ps");
        var networks = Rows(await DockerCli.RunAsync(
            ["network", "ls", "--filter", BottleLabels.ManagedFilter, "--format",
             $"{{{{.Label \"{BottleLabels.Slug}\"}}}}\t{{{{.Label \"{BottleLabels.StateDirectory}\"}}}}\t{{{{.Name}}}}"],
            cancellationToken), "docker network ls");

        var slugs = containers.Select(r => r[0]).Concat(networks.Select(r => r[0])).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var stateDirectories = containers.Concat(networks).Where(r => r[1].Length > 0).GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (Directory.Exists(stateRoot.Path))
        {
            foreach (var directory in Directory.EnumerateDirectories(stateRoot.Path))
            {
                if (BottleMetadata.TryRead(directory) is { } metadata && slugs.Add(metadata.Slug))
                {
                    stateDirectories[metadata.Slug] = directory;
                }
            }
        }

        return
        [
            .. slugs.Order(StringComparer.Ordinal).Select(slug =>
            {
                var stateDirectory = stateDirectories.GetValueOrDefault(slug) ?? (Directory.Exists(stateRoot.For(slug)) ? stateRoot.For(slug) : null);
                var metadata = stateDirectory is null ? null : BottleMetadata.TryRead(stateDirectory);
                return new BottleListing(
                    slug,
                    stateDirectory,
                    [.. containers.Where(r => r[0] == slug).Select(r => new BottleContainer(r[2], r[3], r[4], r[5]))],
                    [.. networks.Where(r => r[0] == slug).Select(r => r[2])],
                    metadata,
                    metadata is not null && AppHostLiveness.IsAlive(metadata));
            }),
        ];
    }

    /// <summary>
    /// Removes every orphaned bottle (<see cref="BottleListing.IsOrphan"/>): containers, networks and state
    /// directory. Returns the slugs removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PruneAsync(BottleStateRoot stateRoot, Action<string>? progress, CancellationToken cancellationToken)
    {
        var pruned = new List<string>();
        foreach (var bottle in (await ListAsync(stateRoot, cancellationToken)).Where(b => b.IsOrphan))
        {
            var target = bottle.Metadata is { } metadata
                ? TeardownTarget.From(metadata)
                : new TeardownTarget(bottle.Slug, $"bottle-{bottle.Slug}", bottle.StateDirectory ?? stateRoot.For(bottle.Slug), bottle.Networks);
            await ComposeTeardown.RunAsync(target, progress, cancellationToken);
            if (bottle.StateDirectory is { } directory && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            pruned.Add(bottle.Slug);
        }

        return pruned;
    }

    private static List<string[]> Rows(ProcessResult result, string what) =>
        [.. result.EnsureSuccess(what).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(Separator))];
}

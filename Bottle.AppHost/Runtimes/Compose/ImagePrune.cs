namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Removes the images <see cref="ImageBuilder"/> built that nothing needs any more. Their tags are content hashes,
/// so every change to a context builds a new image (~450 MB for the sidecars) and the old ones pile up. Only the
/// content-hash tags of the given repositories are candidates (found by the <c>io.bottle.image</c> label, plus
/// untagged images with that label), and a candidate is kept — fail closed — when any container (running or
/// stopped) uses its image, or when its image is also one of the <c>keep</c> references (the default names
/// <c>up</c> runs, the current build of this checkout). Names outside the content-hash scheme are never removed:
/// an image that also carries one only loses its hash tag. Removal never forces: if a container appeared since
/// the listing, the engine refuses and the image is reported as kept.
/// </summary>
public static class ImagePrune
{
    private const string None = "<none>";

    /// <summary>
    /// The images that count as current: each repository's default name (<c>repository:local</c>, what <c>up</c>
    /// tags its build as) and, for a source checkout at <paramref name="repositoryRoot"/>, the content-hash name
    /// of each context staged there (what this checkout last built). Hold the checkout's build lock
    /// (<see cref="ImageBuilderContexts.AcquireBuildLockAsync"/>) so no staging rewrites a context meanwhile.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CurrentImagesAsync(IEnumerable<string> repositories, string? repositoryRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var current = new List<string>();
        foreach (var repository in repositories)
        {
            current.Add($"{repository}:local");
            var context = repositoryRoot is null ? null : Path.Combine(repositoryRoot, "artifacts", "images", repository);
            if (context is not null && File.Exists(Path.Combine(context, "Dockerfile")))
            {
                current.Add(ImageBuilder.ImageFor(repository, await ImageBuilderContentHash.ComputeAsync(context, cancellationToken)));
            }
        }

        return current;
    }

    /// <summary>
    /// Removes (or with <paramref name="dryRun"/> only lists) the unused content-hash images of
    /// <paramref name="repositories"/>, keeping every image a container uses and every image one of
    /// <paramref name="keep"/> names; <paramref name="progress"/> hears images the engine refused to remove.
    /// </summary>
    public static async Task<IReadOnlyList<PrunableImage>> RunAsync(
        IReadOnlyCollection<string> repositories,
        IReadOnlyCollection<string> keep,
        bool dryRun,
        Action<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        ArgumentNullException.ThrowIfNull(keep);

        // Images first, containers second: a container created in between from a listed image is still seen.
        var images = (await Task.WhenAll(repositories.Select(r => ListImagesAsync(r, cancellationToken)))).SelectMany(rows => rows).ToList();
        if (images.Count == 0)
        {
            return [];
        }

        var kept = (await ImagesInUseAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in images.Where(row => keep.Contains(row.Name, StringComparer.Ordinal)))
        {
            kept.Add(row.Id);
        }

        var candidates = images
            .Where(row => !kept.Contains(row.Id) && (row.Repository == None || (repositories.Contains(row.Repository) && ImageBuilder.IsContentHashTag(row.Tag))))
            .DistinctBy(row => row.Reference)
            .ToList();
        var prunable = candidates
            .Select(row => new PrunableImage(
                row.Reference,
                row.Id,
                row.Size,
                [.. images.Where(other => other.Id == row.Id && other.Repository != None && !candidates.Any(c => c.Reference == other.Reference)).Select(other => other.Name).Distinct()]))
            .ToList();
        if (dryRun || prunable.Count == 0)
        {
            return prunable;
        }

        // No --force: the engine itself refuses an image a container uses, whatever this listing missed.
        var removal = await DockerCli.RunAsync(["rmi", .. prunable.Select(p => p.Reference)], cancellationToken);
        if (removal.Succeeded)
        {
            return prunable;
        }

        var refused = removal.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in refused)
        {
            progress?.Invoke($"kept: {line}");
        }

        return [.. prunable.Where(p => !refused.Any(line => line.Contains(p.Reference, StringComparison.Ordinal) || line.Contains(ShortId(p.Id), StringComparison.Ordinal)))];
    }

    private static async Task<IReadOnlyList<ImageRow>> ListImagesAsync(string repository, CancellationToken cancellationToken) =>
        [
            .. (await DockerCli.RunAsync(
                    ["images", "--no-trunc", "--filter", $"label={ImageBuilder.ImageLabelName}={repository}", "--format", "{{.ID}}\t{{.Repository}}\t{{.Tag}}\t{{.Size}}"],
                    cancellationToken))
                .EnsureSuccess($"docker images (label {ImageBuilder.ImageLabelName}={repository})")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Select(f => new ImageRow(f[0], f[1], f[2], f[3])),
        ];

    // The image id of every container, whatever its state: a stopped container's image is kept too.
    private static async Task<IReadOnlyList<string>> ImagesInUseAsync(CancellationToken cancellationToken)
    {
        var containers = (await DockerCli.RunAsync(["ps", "--all", "--quiet", "--no-trunc"], cancellationToken))
            .EnsureSuccess("docker ps")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (containers.Length == 0)
        {
            return [];
        }

        var inspect = await DockerCli.RunAsync(["container", "inspect", "--format", "{{.Image}}", .. containers], cancellationToken);

        // A container removed since the listing is gone; any other failure stops the prune before it removes anything.
        if (!inspect.Succeeded && !ComposeTeardown.AllLinesSay(inspect.StdErr, "No such container"))
        {
            throw new InvalidOperationException($"cannot tell which images the containers use (docker container inspect): {inspect.StdErr.Trim()}");
        }

        return inspect.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string ShortId(string id) => id.Replace("sha256:", string.Empty, StringComparison.Ordinal)[..12];

    private sealed record ImageRow(string Id, string Repository, string Tag, string Size)
    {
        public string Name => $"{Repository}:{Tag}";

        // An untagged image is removed by its id.
        public string Reference => Repository == None ? Id : Name;
    }
}

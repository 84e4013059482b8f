namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Takes a bottle down without losing its logs and without leaving anything behind, with the Docker client only
/// (each Compose v1 call is a Python start, ~0.7 s of a core, and a teardown used to make two): (1) finds the
/// bottle's containers by label (its slug, or its Compose project, which also catches orphans of an edited file);
/// (2) stops the running ones gracefully, the agent first and then the sidecars together; (3) saves every
/// container's whole log to <c>compose.log</c> once they have stopped (<see cref="ContainerLogArchive"/>), so
/// the shutdown lines are in it; (4) removes the containers (<c>docker rm --force --volumes</c>: what
/// <c>compose down --remove-orphans</c> removes, plus anonymous volumes); (5) removes the networks, by name and by
/// label. Every step is idempotent: running it twice, or on a bottle that is half gone, is not an error.
/// </summary>
public static class ComposeTeardown
{
    /// <summary>The saved log's file name in the state directory.</summary>
    public const string LogFileName = "compose.log";

    /// <summary>Tears down <paramref name="target"/>; <paramref name="progress"/> hears each step.</summary>
    public static async Task RunAsync(TeardownTarget target, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var listed = ListAsync(target, cancellationToken);
        var labelledNetworks = BottleNetworks.ListAsync(target.Slug, cancellationToken);
        var containers = await listed;

        var running = containers.Where(c => c.State is "running" or "paused" or "restarting").ToList();
        if (running.Count > 0)
        {
            // The agent first: it never runs without the sidecars that confine it.
            progress?.Invoke($"{target.Slug}: stopping {running.Count} container(s)");
            await StopAsync(running.Where(c => c.Service == ComposeServiceNames.Agent), cancellationToken);
            await StopAsync(running.Where(c => c.Service != ComposeServiceNames.Agent), cancellationToken);
        }

        if (containers.Count > 0 && Directory.Exists(target.StateDirectory))
        {
            var path = Path.Combine(target.StateDirectory, LogFileName);
            progress?.Invoke($"{target.Slug}: saving logs to {path}");
            foreach (var problem in await ContainerLogArchive.SaveAsync([.. containers.Select(c => c.Name)], path, cancellationToken))
            {
                progress?.Invoke($"{target.Slug}: {problem}");
            }
        }

        if (containers.Count > 0)
        {
            progress?.Invoke($"{target.Slug}: removing {containers.Count} container(s)");
            var removed = await DockerCli.RunAsync(["rm", "--force", "--volumes", .. containers.Select(c => c.Id)], cancellationToken);
            if (!removed.Succeeded && !AllLinesSay(removed.StdErr, "No such container"))
            {
                throw new InvalidOperationException($"cannot remove the containers of bottle '{target.Slug}': {removed.StdErr.Trim()}");
            }
        }

        progress?.Invoke($"{target.Slug}: removing networks");
        await BottleNetworks.RemoveAsync(target.Networks.Concat(await labelledNetworks), cancellationToken);
    }

    /// <summary>The ids of every container (running or not) labelled with <paramref name="slug"/>.</summary>
    public static async Task<IReadOnlyList<string>> ListContainersAsync(string slug, CancellationToken cancellationToken) =>
        (await DockerCli.RunAsync(["ps", "--all", "--quiet", "--no-trunc", "--filter", BottleLabels.SlugFilter(slug)], cancellationToken))
            .EnsureSuccess("docker ps")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when every non-empty line of <paramref name="stderr"/> contains <paramref name="phrase"/> (an expected, harmless error).</summary>
    internal static bool AllLinesSay(string stderr, string phrase) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(line => line.Contains(phrase, StringComparison.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<Listed>> ListAsync(TeardownTarget target, CancellationToken cancellationToken)
    {
        const string Format = $"{{{{.ID}}}}\t{{{{.Names}}}}\t{{{{.State}}}}\t{{{{.Label \"{BottleLabels.Service}\"}}}}";
        var bySlug = DockerCli.RunAsync(["ps", "--all", "--no-trunc", "--filter", BottleLabels.SlugFilter(target.Slug), "--format", Format], cancellationToken);
        var byProject = DockerCli.RunAsync(["ps", "--all", "--no-trunc", "--filter", $"label={ComposeProjectLabel}={target.ComposeProject}", "--format", Format], cancellationToken);
        return
        [
            .. ((await bySlug).EnsureSuccess("docker ps") + "\n" + (await byProject).EnsureSuccess("docker ps"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Select(f => new Listed(f[0], f[1], f[2], f.ElementAtOrDefault(3) ?? string.Empty))
                .DistinctBy(c => c.Id),
        ];
    }

    // One call per group: the client stops the containers of one call in parallel.
    private static async Task StopAsync(IEnumerable<Listed> containers, CancellationToken cancellationToken)
    {
        var ids = containers.Select(c => c.Id).ToList();
        if (ids.Count > 0)
        {
            // A container that will not stop is forced down by the removal that follows.
            await DockerCli.RunAsync(["stop", "--time", "10", .. ids], cancellationToken);
        }
    }

    /// <summary>The label Compose (v1 and v2) puts on every container of a project.</summary>
    private const string ComposeProjectLabel = "com.docker.compose.project";

    private sealed record Listed(string Id, string Name, string State, string Service);
}

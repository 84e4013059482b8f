namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Takes a bottle down without losing its logs and without leaving anything behind: (1) saves
/// <c>compose logs --no-color --timestamps</c> to <c>compose.log</c>, (2) <c>compose down --remove-orphans</c>,
/// then removes any container still labelled with the slug (a missing or edited Compose file cannot hide one),
/// (3) removes the networks, by name and by label. Every step is idempotent: running it twice, or on a bottle
/// that is half gone, is not an error.
/// </summary>
public static class ComposeTeardown
{
    /// <summary>The saved log's file name in the state directory.</summary>
    public const string LogFileName = "compose.log";

    /// <summary>Tears down <paramref name="target"/>; <paramref name="progress"/> hears each step.</summary>
    public static async Task RunAsync(TeardownTarget target, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var composeFile = Path.Combine(target.StateDirectory, BottleStateWriter.ComposeFileName);
        var compose = File.Exists(composeFile) ? new ComposeCli(target.ComposeProject, composeFile) : null;
        var containers = await ListContainersAsync(target.Slug, cancellationToken);

        if (compose is not null && containers.Count > 0)
        {
            progress?.Invoke($"{target.Slug}: saving logs to {Path.Combine(target.StateDirectory, LogFileName)}");
            var logs = await compose.RunAsync(["logs", "--no-color", "--timestamps"], cancellationToken);
            StateFiles.WriteText(Path.Combine(target.StateDirectory, LogFileName), logs.StdOut + logs.StdErr, StateFiles.Public);
        }

        if (compose is not null)
        {
            progress?.Invoke($"{target.Slug}: compose down --remove-orphans");
            var down = await compose.RunAsync(["down", "--remove-orphans", "--timeout", "10"], cancellationToken);
            if (!down.Succeeded)
            {
                progress?.Invoke($"{target.Slug}: compose down exited {down.ExitCode}: {down.StdErr.Trim()}; removing by label");
            }
        }

        var left = await ListContainersAsync(target.Slug, cancellationToken);
        if (left.Count > 0)
        {
            progress?.Invoke($"{target.Slug}: removing {left.Count} container(s) by label");
            var removed = await DockerCli.RunAsync(["rm", "--force", "--volumes", .. left], cancellationToken);
            if (!removed.Succeeded && !removed.StdErr.Contains("No such container", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"cannot remove the containers of bottle '{target.Slug}': {removed.StdErr.Trim()}");
            }
        }

        var networks = target.Networks.Concat(await BottleNetworks.ListAsync(target.Slug, cancellationToken)).ToList();
        progress?.Invoke($"{target.Slug}: removing networks");
        await BottleNetworks.RemoveAsync(networks, cancellationToken);
    }

    /// <summary>The ids of every container (running or not) labelled with <paramref name="slug"/>.</summary>
    public static async Task<IReadOnlyList<string>> ListContainersAsync(string slug, CancellationToken cancellationToken) =>
        (await DockerCli.RunAsync(["ps", "--all", "--quiet", "--no-trunc", "--filter", BottleLabels.SlugFilter(slug)], cancellationToken))
            .EnsureSuccess("docker ps")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

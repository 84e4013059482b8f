using System.Globalization;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Prepares the local bare repositories a plan mounts into git-gate (<see cref="SidecarPaths.LocalRemotes"/>) at
/// launch: creates a missing one (<c>git init --bare --shared=group</c>), refuses a path that is not a bare repository,
/// that git-gate's group cannot write, or that really (symbolic links resolved) lies in or around one of the agent's
/// mounts, and returns the repositories' group ids. git-gate joins those groups (<c>group_add</c>) instead of the
/// user's files being handed to the sidecar user.
/// </summary>
public static class LocalRemotes
{
    /// <summary>Ensures every local remote of <paramref name="plan"/> is ready; returns the group ids git-gate needs.</summary>
    /// <exception cref="InvalidOperationException">A repository cannot be used (the message names it and why).</exception>
    public static async Task<IReadOnlyList<int>> EnsureAsync(
        BottlePlan plan, string stateDirectory, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var prefix = SidecarPaths.LocalRemotes + "/";
        var remotes = plan.Sidecars.SelectMany(s => s.Mounts).Where(m => m.Target.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var agentMounts = plan.Agent.Mounts.Select(m => HostPaths.Resolve(HostPaths.Absolute(m.Source, stateDirectory))).ToList();
        var groups = new SortedSet<int>();
        foreach (var mount in remotes)
        {
            var name = Path.GetFileNameWithoutExtension(mount.Target);
            var path = HostPaths.Absolute(mount.Source, stateDirectory);
            var real = HostPaths.Resolve(path);
            if (agentMounts.FirstOrDefault(a => HostPaths.IsSameOrInside(real, a) || HostPaths.IsSameOrInside(a, real)) is { } overlap)
            {
                throw new InvalidOperationException(
                    $"local remote '{name}': '{path}' (really '{real}') overlaps the agent's mount of '{overlap}': the agent could write to it directly, bypassing git-gate");
            }

            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                (await DockerCli.RunProgramAsync("git", ["init", "--quiet", "--bare", "--shared=group", path], cancellationToken))
                    .EnsureSuccess($"git init --bare --shared=group {path} (local remote '{name}')");
                progress?.Invoke($"local remote '{name}': created the bare repository {path} (git init --bare --shared=group)");
            }
            else
            {
                CheckUsable(name, path);
            }

            var gid = await GroupOfAsync(path, cancellationToken);
            groups.Add(gid);
            progress?.Invoke($"local remote '{name}': {path} is mounted into git-gate only, which joins its group {gid}");
        }

        return [.. groups];
    }

    private static void CheckUsable(string name, string path)
    {
        if (!File.Exists(Path.Combine(path, "HEAD")) || !Directory.Exists(Path.Combine(path, "objects")) || !Directory.Exists(Path.Combine(path, "refs")))
        {
            throw new InvalidOperationException(
                $"local remote '{name}': '{path}' exists but is not a bare git repository (no HEAD, objects/ and refs/); "
                + "point the manifest at a bare repository, or at a path that does not exist yet (bottle creates it)");
        }

        // git-gate runs as its own user in the repository's group: without group write its pushes would fail mid-way.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in new[] { "objects", "refs" })
            {
                if (!File.GetUnixFileMode(Path.Combine(path, folder)).HasFlag(UnixFileMode.GroupWrite))
                {
                    throw new InvalidOperationException(
                        $"local remote '{name}': '{path}/{folder}' is not group-writable, so git-gate (in the repository's group) could not push to it; "
                        + $"share it with the group: git -C '{path}' config core.sharedRepository group && chmod -R g+rwX '{path}' "
                        + $"&& find '{path}' -type d -exec chmod g+s {{}} +");
                }
            }
        }
    }

    // .NET has no API for a file's owner; stat(1) has one on every Unix (GNU and BSD spell the format differently).
    private static async Task<int> GroupOfAsync(string path, CancellationToken cancellationToken)
    {
        string[] arguments = OperatingSystem.IsLinux() ? ["-c", "%g", path] : ["-f", "%g", path];
        var text = (await DockerCli.RunProgramAsync("stat", arguments, cancellationToken)).EnsureSuccess($"stat of {path}");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? gid
            : throw new InvalidOperationException($"stat of {path} printed '{text}', not a group id");
    }
}

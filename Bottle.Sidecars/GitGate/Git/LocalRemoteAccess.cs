using System.Text;
using Bottle.Sidecars.Configuration;

namespace Bottle.Sidecars.GitGate.Git;

/// <summary>
/// How git-gate's git reaches local remotes: bare repositories of the host user, bind-mounted under
/// <see cref="SidecarPaths.LocalRemotes"/> and shared through their group, so owned by another uid. git refuses such a
/// repository unless <c>safe.directory</c> names it, and reads that only from protected config. The env scope
/// (<c>GIT_CONFIG_COUNT</c>) is no use: git drops it for the upload-pack/receive-pack it spawns on a local path. So the
/// entries go into a global config file of git-gate's own, named by <c>GIT_CONFIG_GLOBAL</c> for upstream commands only.
/// </summary>
public static class LocalRemoteAccess
{
    /// <summary>True when <paramref name="remote"/> is a local remote (its URL is a path under <see cref="SidecarPaths.LocalRemotes"/>).</summary>
    public static bool IsLocal(GitGateRemoteOptions remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return remote.Url.StartsWith(SidecarPaths.LocalRemotes + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes <paramref name="configFile"/> with one <c>safe.directory</c> per local remote of <paramref name="remotes"/>
    /// (nothing else) and returns the upstream environment that makes git read it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WriteConfig(IEnumerable<GitGateRemoteOptions> remotes, string configFile)
    {
        ArgumentNullException.ThrowIfNull(remotes);
        ArgumentException.ThrowIfNullOrWhiteSpace(configFile);
        var text = new StringBuilder("[safe]\n");
        foreach (var remote in remotes.Where(IsLocal))
        {
            // Quoted, with git's escapes, so no path can end the value early.
            text.Append("\tdirectory = \"").Append(remote.Url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(configFile))!);
        File.WriteAllText(configFile, text.ToString());
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["GIT_CONFIG_GLOBAL"] = configFile };
    }
}

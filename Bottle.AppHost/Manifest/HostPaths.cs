namespace Bottle.AppHost.Manifest;

/// <summary>
/// Host paths as the manifest writes them: absolute, or <c>~/...</c> (kept in the manifest and the plan, expanded
/// to the launching user's home only when a path is used).
/// </summary>
public static class HostPaths
{
    // Case-insensitive where the usual file systems are, so a differently cased path cannot slip past a check.
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary><paramref name="path"/> with a leading <c>~/</c> replaced by the current user's home folder.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute the way a mount source is: <c>~/</c> expanded, and a relative path taken
    /// from <paramref name="baseDirectory"/> (the bottle's state folder, where the planned config files live).
    /// </summary>
    public static string Absolute(string path, string baseDirectory) => Path.GetFullPath(ExpandHome(path), baseDirectory);

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies anywhere below it (both expanded and normalised).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        var inner = Normalise(path);
        var outer = Normalise(folder);
        return inner.Equals(outer, PathComparison)
            || inner.StartsWith(outer.EndsWith('/') ? outer : outer + "/", PathComparison);
    }

    /// <summary>
    /// The path with every symbolic link in it resolved (like <c>realpath</c>; the parts that do not exist yet are kept
    /// as written), so two paths can be compared by where they really are.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Normalise(path);
        var resolved = Path.GetPathRoot(full) ?? "/";
        var links = 0;
        var pending = new Stack<string>(full[resolved.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        while (pending.TryPop(out var part))
        {
            var next = Path.Combine(resolved, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }

            // A link cycle or a very long chain: stop resolving rather than loop; the caller compares what it has.
            if (++links > 40)
            {
                throw new IOException($"too many symbolic links resolving '{path}'");
            }

            var absolute = Path.GetFullPath(target, resolved);
            foreach (var rest in absolute[(Path.GetPathRoot(absolute) ?? "/").Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(rest);
            }

            resolved = Path.GetPathRoot(absolute) ?? "/";
        }

        return resolved;
    }

    private static string Normalise(string path)
    {
        var full = Path.GetFullPath(ExpandHome(path));
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}

using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Sidecars.GitGate.Policy;

/// <summary>
/// The manifest's ref policy for one remote: which refs may be pushed, and whether force-push, deletion and tags
/// are allowed. Patterns follow git refspec globbing: <c>*</c> matches any run of characters, '/' included.
/// </summary>
internal static class RefPolicy
{
    /// <summary>Why <paramref name="update"/> is refused, or null when the policy allows it.</summary>
    /// <param name="remote">The remote's policy.</param>
    /// <param name="update">The ref update.</param>
    /// <param name="isFastForward">Whether the new commit descends from the old one (ignored for creates and deletes).</param>
    public static string? Check(GitGateRemoteOptions remote, RefUpdate update, bool isFastForward)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(update);
        var name = update.RefName;
        if (update.IsTag)
        {
            if (!remote.Tags)
            {
                return $"{name}: tags may not be pushed to '{remote.Name}' (git-gate remote setting 'tags' is off)";
            }
        }
        else if (!remote.PushRefPatterns.Any(p => Matches(p, name)))
        {
            var allowed = remote.PushRefPatterns.Count == 0 ? "none" : string.Join(", ", remote.PushRefPatterns);
            return $"{name}: not an allowed ref for '{remote.Name}' (allowed: {allowed})";
        }

        if (update.IsDelete)
        {
            return remote.DeleteRefs ? null : $"{name}: deleting refs is not allowed on '{remote.Name}'";
        }

        // Moving an existing tag is a rewrite even when it fast-forwards: tags are meant to stay put.
        var rewrite = !update.IsCreate && (update.IsTag || !isFastForward);
        return rewrite && !remote.ForcePush
            ? $"{name}: non-fast-forward (force) updates are not allowed on '{remote.Name}'; fetch, rebase on it and push again"
            : null;
    }

    /// <summary>Glob match of a ref name against a pattern in which '*' matches any characters.</summary>
    public static bool Matches(string pattern, string refName)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(refName);
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, refName, StringComparison.Ordinal);
        }

        if (!refName.StartsWith(parts[0], StringComparison.Ordinal) || !refName.EndsWith(parts[^1], StringComparison.Ordinal)
            || refName.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = refName.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = refName.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}

namespace Bottle.AppHost.Manifest;

/// <summary>A real git remote git-gate pushes to (manifest <c>git.remotes[i]</c>).</summary>
/// <param name="Name">Unique remote name (<c>[a-z0-9-]</c>).</param>
/// <param name="Url">The real remote URL, parsed.</param>
/// <param name="Push">Ref patterns (globs) the agent may push to (default <c>refs/heads/*</c>).</param>
/// <param name="ForcePush">Whether non-fast-forward updates are allowed.</param>
/// <param name="DeleteRefs">Whether ref deletions are allowed.</param>
/// <param name="Tags">Whether tags may be pushed.</param>
/// <param name="Credential">The credential (key or token) only git-gate holds, if any.</param>
/// <param name="AllowFingerprints">Finding fingerprints known to be false positives.</param>
/// <param name="HostKeys">
/// ssh remotes: the host keys git-gate accepts (<c>hostKeys</c>, or the host's published keys, see
/// <see cref="PublishedSshHostKeys"/>); empty for https remotes.
/// </param>
public sealed record GitRemoteSpec(
    string Name,
    GitRemoteUrl Url,
    IReadOnlyList<string> Push,
    bool ForcePush,
    bool DeleteRefs,
    bool Tags,
    string? Credential,
    IReadOnlyList<string> AllowFingerprints,
    IReadOnlyList<string> HostKeys)
{
    /// <summary>The push patterns when the manifest names none.</summary>
    public static IReadOnlyList<string> DefaultPush { get; } = ["refs/heads/*"];
}

namespace Bottle.Sidecars.GitGate;

/// <summary>
/// One remote git-gate fronts: the real URL it mirrors and pushes to, and the ref policy for pushes to it.
/// Defaults are closed: no ref pattern means no push is allowed, and force-push, deletion and tags are off.
/// </summary>
public sealed record GitGateRemoteOptions
{
    /// <summary>The remote's name; the agent reaches it at <c>/{Name}.git</c>. Letters, digits, '-', '_' and '.'.</summary>
    public required string Name { get; init; }

    /// <summary>The real remote's URL (or, in tests, a local path) that git-gate mirrors and pushes to.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// Refs the agent may push, as git refspec-style globs where <c>*</c> matches any characters including
    /// '/' (e.g. <c>refs/heads/bottle/*</c>). Tags are governed by <see cref="Tags"/> instead.
    /// </summary>
    public IReadOnlyList<string> PushRefPatterns { get; init; } = [];

    /// <summary>Whether a non-fast-forward update of an allowed ref is accepted.</summary>
    public bool ForcePush { get; init; }

    /// <summary>Whether deleting an allowed ref is accepted.</summary>
    public bool DeleteRefs { get; init; }

    /// <summary>Whether new tags (<c>refs/tags/*</c>) may be pushed; moving a tag also needs <see cref="ForcePush"/>, deleting one <see cref="DeleteRefs"/>.</summary>
    public bool Tags { get; init; }

    /// <summary>Finding fingerprints accepted as known false positives on this remote.</summary>
    public IReadOnlyList<string> AllowFingerprints { get; init; } = [];

    /// <summary>
    /// Extra environment for git commands that talk to the real remote (e.g. <c>GIT_SSH_COMMAND</c> naming the
    /// key file and the egress proxy command). Never passed to processes that serve the agent.
    /// </summary>
    public IReadOnlyDictionary<string, string> UpstreamEnvironment { get; init; } = new Dictionary<string, string>();
}

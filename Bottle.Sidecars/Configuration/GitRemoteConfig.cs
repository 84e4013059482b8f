namespace Bottle.Sidecars.Configuration;

/// <summary>One real remote git-gate pushes to, and what the agent may push there.</summary>
/// <param name="Name">The remote's name; the agent's URL for it is <c>http://&lt;git-gate&gt;:8080/&lt;name&gt;.git</c>.</param>
/// <param name="Url">The real remote URL (ssh or https).</param>
/// <param name="Host">The real remote's host name.</param>
/// <param name="Port">The real remote's port (22 for ssh, 443 for https unless the URL says otherwise).</param>
/// <param name="Push">Ref patterns (globs) the agent may push to.</param>
/// <param name="ForcePush">Whether non-fast-forward updates are allowed.</param>
/// <param name="DeleteRefs">Whether ref deletions are allowed.</param>
/// <param name="Tags">Whether tags may be pushed.</param>
/// <param name="Credential">The credential git-gate uses for the real remote, if any.</param>
/// <param name="CredentialPath">Where git-gate finds that credential's key or token (read-only mount).</param>
/// <param name="AllowFingerprints">Finding fingerprints known to be false positives.</param>
/// <param name="HostKeys">
/// For ssh remotes: the pinned host keys (<c>&lt;type&gt; &lt;base64&gt;</c>) ssh accepts for <paramref name="Host"/>;
/// any other key fails the connection. Empty for https remotes.
/// </param>
public sealed record GitRemoteConfig(
    string Name,
    string Url,
    string Host,
    int Port,
    IReadOnlyList<string> Push,
    bool ForcePush,
    bool DeleteRefs,
    bool Tags,
    string? Credential,
    string? CredentialPath,
    IReadOnlyList<string> AllowFingerprints,
    IReadOnlyList<string> HostKeys)
{
    /// <summary>Whether git reaches this remote over ssh (a host, not https: <c>git@host:path</c>, <c>ssh://</c>; a local remote has no host).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSsh => Host.Length > 0 && !Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

namespace Bottle.Sidecars.GitGate;

/// <summary>
/// Settings of the git-gate sidecar: where it keeps its mirrors and findings, the remotes it fronts, and the
/// scan limits. Until the manifest's <c>GitGateConfig</c> lands this is the shape the host maps the manifest onto.
/// </summary>
public sealed record GitGateOptions
{
    /// <summary>The default cap on the total diff text of one push (fail closed above it).</summary>
    public const long DefaultMaxDiffBytes = 256L * 1024 * 1024;

    /// <summary>The state directory (created 0700): mirrors under <c>mirrors/</c>, plus <c>findings.sarif</c> and <c>findings.json</c>.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The remotes git-gate serves, each at <c>/{name}.git</c>.</summary>
    public required IReadOnlyList<GitGateRemoteOptions> Remotes { get; init; }

    /// <summary>The git executable (a name on PATH or a full path).</summary>
    public string GitExecutable { get; init; } = "git";

    /// <summary>A push whose new commits' diff text is larger than this is rejected unscanned.</summary>
    public long MaxDiffBytes { get; init; } = DefaultMaxDiffBytes;

    /// <summary>The largest push or fetch request body accepted (decompressed size is bounded by the diff cap and git itself).</summary>
    public long MaxRequestBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether an added line carrying <see cref="InlineIgnoreMarker"/> suppresses findings on that line.
    /// Off by default: the agent writes the code, so a marker it can type must not switch the scan off unless
    /// the manifest owner opted in.
    /// </summary>
    public bool AllowInlineIgnore { get; init; }

    /// <summary>The inline suppression marker honoured when <see cref="AllowInlineIgnore"/> is on.</summary>
    public const string InlineIgnoreMarker = "bottle:ignore";

    /// <summary>Finds a remote by name (ordinal), or null.</summary>
    public GitGateRemoteOptions? FindRemote(string name) =>
        Remotes.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}

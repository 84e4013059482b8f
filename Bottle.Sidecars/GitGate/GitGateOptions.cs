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

    /// <summary>Where <c>findings.sarif</c> and <c>findings.json</c> go; null means the state directory.</summary>
    public string? FindingsDirectory { get; init; }

    /// <summary>The audit log (JSON lines, shared format with the other sidecars); null writes none.</summary>
    public string? AuditPath { get; init; }

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

    /// <summary>
    /// Maps the manifest's sidecar config onto git-gate options. Upstream credentials and the egress route
    /// (<see cref="GitGateRemoteOptions.UpstreamEnvironment"/>, e.g. <c>GIT_SSH_COMMAND</c>) are the host's to add.
    /// </summary>
    public static GitGateOptions FromConfig(Configuration.GitGateConfig config, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new GitGateOptions
        {
            StateDirectory = stateDirectory,
            FindingsDirectory = Path.GetDirectoryName(config.FindingsPath),
            AuditPath = config.AuditPath,
            AllowInlineIgnore = config.Dlp.InlineIgnore,
            Remotes = config.Remotes.Select(r => new GitGateRemoteOptions
            {
                Name = r.Name,
                Url = r.Url,
                PushRefPatterns = r.Push,
                ForcePush = r.ForcePush,
                DeleteRefs = r.DeleteRefs,
                Tags = r.Tags,
                AllowFingerprints = r.AllowFingerprints,
            }).ToList(),
        };
    }

    /// <summary>Finds a remote by name (ordinal), or null.</summary>
    public GitGateRemoteOptions? FindRemote(string name) =>
        Remotes.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}

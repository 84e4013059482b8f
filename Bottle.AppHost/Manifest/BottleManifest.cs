using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Manifest;

/// <summary>A validated bottle manifest (<c>bottles/*.yaml</c>). Relative paths are already resolved against the manifest's folder.</summary>
/// <param name="Name">The bottle name (letter first, <c>[a-z0-9-]</c>, 1 to 40).</param>
/// <param name="Runtime">Where the agent runs.</param>
/// <param name="Instance">Distinguishes two bottles from one manifest (default <c>default</c>).</param>
/// <param name="NetworkSalt">Change to re-roll the derived subnets after a collision (default 0).</param>
/// <param name="Agent">The agent container.</param>
/// <param name="Egress">What the agent may reach.</param>
/// <param name="Dlp">Data-loss-prevention settings.</param>
/// <param name="GitRemotes">Real remotes behind git-gate.</param>
/// <param name="Credentials">Credentials, sorted by name.</param>
/// <param name="SourcePath">The manifest file's absolute path.</param>
public sealed record BottleManifest(
    string Name,
    BottleRuntime Runtime,
    string Instance,
    int NetworkSalt,
    AgentSpec Agent,
    EgressSpec Egress,
    DlpSettings Dlp,
    IReadOnlyList<GitRemoteSpec> GitRemotes,
    IReadOnlyList<CredentialSpec> Credentials,
    string SourcePath)
{
    /// <summary>The instance when the manifest names none.</summary>
    public const string DefaultInstance = "default";
}

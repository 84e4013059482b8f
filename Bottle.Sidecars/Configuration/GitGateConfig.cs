namespace Bottle.Sidecars.Configuration;

/// <summary>git-gate's configuration: the agent's git remote, secret scanning of pushes, ref policy.</summary>
/// <param name="Http">Where the smart-HTTP server listens (on the agent network).</param>
/// <param name="Admin">Where <c>/health</c> and <c>/metrics</c> listen (on the sidecar network).</param>
/// <param name="Remotes">The real remotes, by name.</param>
/// <param name="Dlp">Secret-scanning settings for pushed commits.</param>
/// <param name="EgressProxy">egress's proxy URL; git-gate reaches the real remotes only through it.</param>
/// <param name="AuditPath">The audit log (JSON lines).</param>
/// <param name="FindingsPath">Where findings of refused pushes are written (SARIF).</param>
public sealed record GitGateConfig(
    ListenEndpoint Http,
    ListenEndpoint Admin,
    IReadOnlyList<GitRemoteConfig> Remotes,
    DlpSettings Dlp,
    string EgressProxy,
    string AuditPath,
    string FindingsPath);

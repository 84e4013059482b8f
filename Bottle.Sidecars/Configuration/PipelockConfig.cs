using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>pipelock's configuration: the agent's proxy, policy by name, DLP, TLS interception with the bottle CA.</summary>
/// <param name="Proxy">Where the agent's proxy listens (on the agent network only).</param>
/// <param name="Admin">Where <c>/health</c> and <c>/metrics</c> listen (on the sidecar network, out of the agent's reach).</param>
/// <param name="Upstream">egress's proxy URL; every allowed request goes there and nowhere else.</param>
/// <param name="Rules">The allow rules; anything they do not cover is denied.</param>
/// <param name="Dlp">DLP settings for URLs, headers and bodies.</param>
/// <param name="Placeholders">Credential placeholders, so pipelock can refuse one headed for a host it is not for.</param>
/// <param name="CaCertificatePath">The bottle CA certificate.</param>
/// <param name="CaKeyPath">The bottle CA key (0600).</param>
/// <param name="AuditPath">The audit log (JSON lines).</param>
public sealed record PipelockConfig(
    ListenEndpoint Proxy,
    ListenEndpoint Admin,
    string Upstream,
    IReadOnlyList<EgressRule> Rules,
    DlpSettings Dlp,
    IReadOnlyList<PlaceholderBinding> Placeholders,
    string CaCertificatePath,
    string CaKeyPath,
    string AuditPath);

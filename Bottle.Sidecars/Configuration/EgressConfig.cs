using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>egress's configuration: the one door out, with real upstream TLS and credential injection.</summary>
/// <param name="Proxy">Where egress's proxy listens (on the sidecar network).</param>
/// <param name="Admin">Where <c>/health</c> and <c>/metrics</c> listen.</param>
/// <param name="Clients">The only source addresses egress serves (pipelock and git-gate on the sidecar network).</param>
/// <param name="Rules">The agent's allow rules (traffic arriving from pipelock).</param>
/// <param name="GitGateRules">Where git-gate may go: each git remote's host and port, nothing else.</param>
/// <param name="Placeholders">Which placeholder becomes which credential, for which hosts.</param>
/// <param name="CredentialsPath">The file of real values by credential name (0600), written at launch.</param>
/// <param name="ExtraCaPath">An extra upstream CA to trust besides the system store, if the manifest names one.</param>
/// <param name="AuditPath">The audit log (JSON lines).</param>
/// <param name="GitGateClients">
/// Which of <paramref name="Clients"/> is git-gate: it may use <paramref name="GitGateRules"/> and SSH (port 22);
/// every other client is pipelock and may use <paramref name="Rules"/> only.
/// </param>
/// <param name="BottleSubnets">
/// The bottle's own networks (CIDR text): never dialled, even when a rule names a CIDR that covers them.
/// </param>
public sealed record EgressConfig(
    ListenEndpoint Proxy,
    ListenEndpoint Admin,
    IReadOnlyList<string> Clients,
    IReadOnlyList<EgressRule> Rules,
    IReadOnlyList<EgressRule> GitGateRules,
    IReadOnlyList<PlaceholderBinding> Placeholders,
    string CredentialsPath,
    string? ExtraCaPath,
    string AuditPath,
    IReadOnlyList<string>? GitGateClients = null,
    IReadOnlyList<string>? BottleSubnets = null);

using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Planning;

/// <summary>Every sidecar's rendered configuration, as launch will write it to the state directory.</summary>
/// <param name="Pipelock">pipelock's config (<c>pipelock.yaml</c>).</param>
/// <param name="Egress">egress's config (<c>egress.yaml</c>).</param>
/// <param name="GitGate">git-gate's config (<c>git-gate.yaml</c>).</param>
public sealed record SidecarConfigSet(PipelockConfig Pipelock, EgressConfig Egress, GitGateConfig GitGate);

using Bottle.AppHost.Manifest;

namespace Bottle.AppHost.Planning;

/// <summary>
/// Everything launch needs, resolved from a manifest by <see cref="BottlePlanner.Prepare"/> without side effects.
/// Serialised by <see cref="PlanJson"/>; the README documents the JSON field by field.
/// </summary>
/// <param name="SchemaVersion">The plan format version (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Name">The bottle name.</param>
/// <param name="Instance">The instance name.</param>
/// <param name="Runtime">Where the agent runs.</param>
/// <param name="Slug">The stable id, <c>&lt;name&gt;-&lt;6 hex&gt;</c>.</param>
/// <param name="ComposeProject">The Compose project name, <c>bottle-&lt;slug&gt;</c>.</param>
/// <param name="ManifestPath">The manifest's absolute path.</param>
/// <param name="Labels">Labels on every container and network (how orphans are found).</param>
/// <param name="Networks">The three networks.</param>
/// <param name="Sidecars">pipelock, egress, git-gate.</param>
/// <param name="Agent">The agent container.</param>
/// <param name="Credentials">Credential sources and placeholders, by name.</param>
/// <param name="Configs">Each sidecar's configuration.</param>
/// <param name="State">The state directory layout.</param>
public sealed record BottlePlan(
    int SchemaVersion,
    string Name,
    string Instance,
    BottleRuntime Runtime,
    string Slug,
    string ComposeProject,
    string ManifestPath,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<NetworkPlan> Networks,
    IReadOnlyList<SidecarPlan> Sidecars,
    AgentPlan Agent,
    IReadOnlyList<CredentialPlan> Credentials,
    SidecarConfigSet Configs,
    StatePlan State)
{
    /// <summary>The plan format this code writes.</summary>
    public const int CurrentSchemaVersion = 1;
}

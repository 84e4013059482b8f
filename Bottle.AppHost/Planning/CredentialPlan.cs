using Bottle.AppHost.Manifest;

namespace Bottle.AppHost.Planning;

/// <summary>Where a credential's value comes from and who may hold it. Never the value itself.</summary>
/// <param name="Name">The credential name.</param>
/// <param name="Source">Where launch reads the value from.</param>
/// <param name="Placeholder">What the agent holds instead, when egress injects this credential; null for git-only credentials.</param>
/// <param name="AgentEnv">The agent variable that holds the placeholder, if any.</param>
/// <param name="Holders">The sidecars given the value at launch (<c>egress</c>, <c>git-gate</c>); never the agent.</param>
public sealed record CredentialPlan(string Name, CredentialSource Source, string? Placeholder, string? AgentEnv, IReadOnlyList<string> Holders);

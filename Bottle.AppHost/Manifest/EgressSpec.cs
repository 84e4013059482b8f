using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

/// <summary>What the agent may reach (manifest <c>egress</c>). Default deny: no rules, no way out.</summary>
/// <param name="Allow">The allow rules, in manifest order.</param>
/// <param name="ExtraCa">An extra upstream CA file egress trusts (absolute host path), if any. Not read at plan.</param>
public sealed record EgressSpec(IReadOnlyList<EgressRule> Allow, string? ExtraCa)
{
    /// <summary>No rules, no extra CA.</summary>
    public static EgressSpec DenyAll { get; } = new([], null);
}

namespace Bottle.AppHost.Planning;

/// <summary>One of the bottle's three networks, created before compose-up with a pinned subnet.</summary>
/// <param name="Role"><c>agent</c>, <c>sidecar</c> or <c>out</c>.</param>
/// <param name="Name">The Docker network name, <c>bottle-&lt;slug&gt;-&lt;role&gt;</c>.</param>
/// <param name="Subnet">The /24 subnet.</param>
/// <param name="Gateway">The gateway address (.1).</param>
/// <param name="Internal">True when the network has no route out (agent and sidecar networks).</param>
public sealed record NetworkPlan(string Role, string Name, string Subnet, string Gateway, bool Internal);

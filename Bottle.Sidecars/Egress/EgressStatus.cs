namespace Bottle.Sidecars.Egress;

/// <summary>egress's <c>/health</c> answer: <c>{"sidecar":"egress","status":"healthy"}</c> (or <c>unhealthy</c>).</summary>
/// <param name="Sidecar">Always <c>egress</c>.</param>
/// <param name="Status"><c>healthy</c> or <c>unhealthy</c>.</param>
internal sealed record EgressStatus(string Sidecar, string Status);

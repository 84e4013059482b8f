namespace Bottle.Sidecars.Egress;

/// <summary>The JSON body of a request egress refuses: <c>{"sidecar":"egress","category":...,"reason":...}</c>.</summary>
/// <param name="Sidecar">Always <c>egress</c>: which sidecar answered.</param>
/// <param name="Category">The audit category of the refusal.</param>
/// <param name="Reason">Why, for the person reading the agent's error.</param>
internal sealed record EgressRefusal(string Sidecar, string Category, string Reason);

namespace Bottle.AppHost.Planning;

/// <summary>A container's fixed address on one of the bottle's networks.</summary>
/// <param name="Network">The network's role (<c>agent</c>, <c>sidecar</c>, <c>out</c>).</param>
/// <param name="Address">The IPv4 address.</param>
public sealed record NetworkAddress(string Network, string Address);

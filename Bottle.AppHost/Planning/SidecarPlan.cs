namespace Bottle.AppHost.Planning;

/// <summary>One sidecar container.</summary>
/// <param name="Role"><c>pipelock</c>, <c>egress</c> or <c>git-gate</c> (also the compose service name).</param>
/// <param name="Image">The image reference.</param>
/// <param name="Addresses">Its fixed addresses, one per network it joins.</param>
/// <param name="ConfigFile">Its config file, relative to the state directory.</param>
/// <param name="Mounts">What is mounted into it.</param>
public sealed record SidecarPlan(string Role, string Image, IReadOnlyList<NetworkAddress> Addresses, string ConfigFile, IReadOnlyList<MountPlan> Mounts);

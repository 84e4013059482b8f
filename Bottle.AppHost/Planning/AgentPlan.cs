using Bottle.AppHost.Manifest;

namespace Bottle.AppHost.Planning;

/// <summary>The agent container.</summary>
/// <param name="Image">The image reference (the manifest's, or the tag a build produces).</param>
/// <param name="Build">How to build the image, when the manifest says so.</param>
/// <param name="Command">The agent's command (empty: the image's default).</param>
/// <param name="Workdir">The working directory.</param>
/// <param name="Env">The whole environment, sorted: proxy, CA, git rewrites, manifest variables, placeholders.</param>
/// <param name="Cpus">CPU limit, if any.</param>
/// <param name="MemoryBytes">Memory limit in bytes, if any.</param>
/// <param name="Addresses">Its address on the agent network (its only network).</param>
/// <param name="Mounts">What is mounted into it.</param>
/// <param name="Workspace">The workspace, if any.</param>
public sealed record AgentPlan(
    string Image,
    BuildSpec? Build,
    IReadOnlyList<string> Command,
    string Workdir,
    IReadOnlyDictionary<string, string> Env,
    double? Cpus,
    long? MemoryBytes,
    IReadOnlyList<NetworkAddress> Addresses,
    IReadOnlyList<MountPlan> Mounts,
    WorkspacePlan? Workspace);

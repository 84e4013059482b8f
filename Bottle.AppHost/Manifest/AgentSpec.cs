namespace Bottle.AppHost.Manifest;

/// <summary>The agent container (manifest <c>agent</c>). Exactly one of <see cref="Image"/> and <see cref="Build"/> is set.</summary>
/// <param name="Image">A local image reference.</param>
/// <param name="Build">How to build the image.</param>
/// <param name="Command">The agent's command as argv (a manifest string becomes <c>sh -c &lt;string&gt;</c>); empty: the image's default.</param>
/// <param name="Workdir">The working directory inside the container (default <c>/workspace</c>).</param>
/// <param name="Env">Extra environment variables, sorted by name.</param>
/// <param name="Cpus">CPU limit, if any.</param>
/// <param name="MemoryBytes">Memory limit in bytes, if any.</param>
/// <param name="Workspace">The workspace, if any.</param>
public sealed record AgentSpec(
    string? Image,
    BuildSpec? Build,
    IReadOnlyList<string> Command,
    string Workdir,
    IReadOnlyDictionary<string, string> Env,
    double? Cpus,
    long? MemoryBytes,
    WorkspaceSpec? Workspace)
{
    /// <summary>The workdir when the manifest names none.</summary>
    public const string DefaultWorkdir = "/workspace";
}

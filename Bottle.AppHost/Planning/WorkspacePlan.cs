using Bottle.AppHost.Manifest;

namespace Bottle.AppHost.Planning;

/// <summary>How the agent's workspace comes to be.</summary>
/// <param name="Mode">Mount or clone.</param>
/// <param name="HostPath">For mount: the host folder mounted at <paramref name="Path"/>.</param>
/// <param name="CloneUrl">For clone: the git-gate URL the agent clones from.</param>
/// <param name="Path">The workspace inside the container (the agent's workdir).</param>
public sealed record WorkspacePlan(WorkspaceMode Mode, string? HostPath, string? CloneUrl, string Path);

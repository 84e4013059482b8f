namespace Bottle.AppHost.Manifest;

/// <summary>The agent's workspace (manifest <c>agent.workspace</c>).</summary>
/// <param name="Mode">Mount a host folder, or clone a git remote through git-gate.</param>
/// <param name="Path">For <see cref="WorkspaceMode.Mount"/>: the absolute host folder; null for clone.</param>
/// <param name="Remote">For <see cref="WorkspaceMode.Clone"/>: the name of the <c>git.remotes</c> entry to clone; null for mount.</param>
public sealed record WorkspaceSpec(WorkspaceMode Mode, string? Path, string? Remote);

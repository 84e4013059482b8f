using Bottle.Agent.Workspace;

namespace Bottle.Agent.Shim;

/// <summary>What one run of the shim does, from its command line and the <c>BOTTLE_*</c> environment.</summary>
/// <param name="CaFile">The bottle CA certificate (PEM).</param>
/// <param name="Proxy">A proxy URL that fills in missing <c>HTTP(S)_PROXY</c> variables, or null.</param>
/// <param name="NoProxy">Extra <c>NO_PROXY</c> entries (comma separated), or null.</param>
/// <param name="Workspace">How the workspace is prepared.</param>
/// <param name="Workdir">The workspace directory, or null for the current directory.</param>
/// <param name="CloneUrl">For <see cref="WorkspaceMode.Clone"/>: git-gate's URL of the repository.</param>
/// <param name="Command">The command and its arguments.</param>
public sealed record ShimOptions(
    string CaFile,
    string? Proxy,
    string? NoProxy,
    WorkspaceMode Workspace,
    string? Workdir,
    string? CloneUrl,
    IReadOnlyList<string> Command);

namespace Bottle.AppHost.Manifest;

/// <summary>How the agent gets its workspace.</summary>
public enum WorkspaceMode
{
    /// <summary>A host folder is bind-mounted at the agent's workdir.</summary>
    Mount,

    /// <summary>The agent clones a git remote through git-gate into its workdir; nothing of the host is mounted.</summary>
    Clone,
}

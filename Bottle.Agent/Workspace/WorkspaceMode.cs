namespace Bottle.Agent.Workspace;

/// <summary>How the agent's workspace comes to be (the manifest's <c>agent.workspace.mode</c>).</summary>
public enum WorkspaceMode
{
    /// <summary>No workspace handling: the command runs in the working directory as given.</summary>
    None,

    /// <summary>The host directory is bind-mounted at the workdir; the shim only checks it is there.</summary>
    Mount,

    /// <summary>The workdir is a clone from git-gate, made by the shim when the workdir is empty.</summary>
    Clone,
}

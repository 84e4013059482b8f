using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The agent's container: started last, once every sidecar is healthy; runs <c>sleep infinity</c> until attached.</summary>
/// <param name="name">The resource name.</param>
/// <param name="agent">The agent's plan.</param>
/// <param name="project">The bottle's Compose project.</param>
public sealed class AgentContainerResource(string name, AgentPlan agent, ComposeProjectResource project) : Resource(name), IComposeServiceResource
{
    /// <summary>The agent's plan.</summary>
    public AgentPlan Agent { get; } = agent ?? throw new ArgumentNullException(nameof(agent));

    /// <inheritdoc />
    public ComposeProjectResource Project { get; } = project ?? throw new ArgumentNullException(nameof(project));

    /// <inheritdoc />
    public string ServiceName => ComposeServiceNames.Agent;

    /// <inheritdoc />
    public IResource Parent => Project;
}

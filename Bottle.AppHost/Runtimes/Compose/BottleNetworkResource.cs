using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>One of a bottle's Docker networks, created before Compose runs (the Compose file names it <c>external</c>).</summary>
/// <param name="name">The resource name.</param>
/// <param name="network">The network's plan.</param>
/// <param name="project">The bottle's Compose project.</param>
public sealed class BottleNetworkResource(string name, NetworkPlan network, ComposeProjectResource project)
    : Resource(name), IResourceWithParent, IResourceWithWaitSupport
{
    /// <summary>The network's plan.</summary>
    public NetworkPlan Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>The bottle's Compose project.</summary>
    public ComposeProjectResource Project { get; } = project ?? throw new ArgumentNullException(nameof(project));

    /// <inheritdoc />
    public IResource Parent => Project;
}

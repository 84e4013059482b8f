using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>Published when a run of a resource ended (Finished or Exited; see the snapshot's exit code).</summary>
/// <param name="resource">The resource.</param>
/// <param name="services">The application's services.</param>
/// <param name="resourceEvent">The final snapshot of the run.</param>
public sealed class ResourceStoppedEvent(IResource resource, IServiceProvider services, ResourceEvent resourceEvent) : IBottleResourceEvent
{
    /// <inheritdoc />
    public IResource Resource { get; } = resource;

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>The final snapshot of the run.</summary>
    public ResourceEvent ResourceEvent { get; } = resourceEvent;
}

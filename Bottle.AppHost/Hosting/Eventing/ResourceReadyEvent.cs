using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>Published when a resource is running and healthy for the first time in a run.</summary>
/// <param name="resource">The resource.</param>
/// <param name="services">The application's services.</param>
public sealed class ResourceReadyEvent(IResource resource, IServiceProvider services) : IBottleResourceEvent
{
    /// <inheritdoc />
    public IResource Resource { get; } = resource;

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; } = services;
}

namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>Published once, after initial snapshots exist and before any resource starts. A throwing handler stops the app from starting.</summary>
/// <param name="services">The application's services.</param>
/// <param name="model">The resources about to start.</param>
public sealed class BeforeStartEvent(IServiceProvider services, BottleApplicationModel model) : IBottleEvent
{
    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>The resources about to start.</summary>
    public BottleApplicationModel Model { get; } = model;
}

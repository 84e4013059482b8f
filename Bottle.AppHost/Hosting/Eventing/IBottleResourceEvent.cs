using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>An event about one resource; subscribers can listen to a single resource.</summary>
public interface IBottleResourceEvent : IBottleEvent
{
    /// <summary>The resource the event is about.</summary>
    IResource Resource { get; }
}

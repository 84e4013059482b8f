using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting;

/// <summary>A resource's new snapshot, as streamed by <see cref="ResourceNotificationService.WatchAsync"/>.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="ResourceId">Its id (the resource name: one instance per resource).</param>
/// <param name="Snapshot">The snapshot after the change.</param>
public sealed record ResourceEvent(IResource Resource, string ResourceId, CustomResourceSnapshot Snapshot);

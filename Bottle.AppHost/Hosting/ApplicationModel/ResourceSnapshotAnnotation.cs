namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The snapshot a resource starts with, before anything runs (custom resources set their type here).</summary>
/// <param name="initialSnapshot">The first snapshot published for the resource.</param>
public sealed class ResourceSnapshotAnnotation(CustomResourceSnapshot initialSnapshot) : IResourceAnnotation
{
    /// <summary>The first snapshot published for the resource.</summary>
    public CustomResourceSnapshot InitialSnapshot { get; } =
        initialSnapshot ?? throw new ArgumentNullException(nameof(initialSnapshot));
}

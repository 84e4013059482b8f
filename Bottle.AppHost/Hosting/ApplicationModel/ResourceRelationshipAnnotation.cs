namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A named edge from the annotated resource to <paramref name="resource"/>, shown in the graph.</summary>
/// <param name="resource">The related resource.</param>
/// <param name="type">The kind of edge, e.g. <see cref="KnownRelationshipTypes.Parent"/>.</param>
public sealed class ResourceRelationshipAnnotation(IResource resource, string type) : IResourceAnnotation
{
    /// <summary>The related resource.</summary>
    public IResource Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    /// <summary>The kind of edge.</summary>
    public string Type { get; } = string.IsNullOrWhiteSpace(type)
        ? throw new ArgumentException("Relationship type is empty.", nameof(type))
        : type;
}

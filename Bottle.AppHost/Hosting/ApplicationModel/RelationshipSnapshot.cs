namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>An edge from a resource to another, by name (see <see cref="KnownRelationshipTypes"/>).</summary>
/// <param name="ResourceName">The related resource.</param>
/// <param name="Type">The kind of edge.</param>
public sealed record RelationshipSnapshot(string ResourceName, string Type);

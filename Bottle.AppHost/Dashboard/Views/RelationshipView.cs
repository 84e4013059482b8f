namespace Bottle.AppHost.Dashboard.Views;

/// <summary>An edge to another resource.</summary>
internal sealed record RelationshipView(string ResourceName, string Type);

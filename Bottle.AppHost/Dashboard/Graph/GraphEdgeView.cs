namespace Bottle.AppHost.Dashboard.Graph;

/// <summary>An arrow from a resource to the one it depends on; <see cref="Path"/> is SVG path data.</summary>
internal sealed record GraphEdgeView(string From, string To, string Type, string Path);

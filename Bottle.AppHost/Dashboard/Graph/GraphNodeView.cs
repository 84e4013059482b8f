namespace Bottle.AppHost.Dashboard.Graph;

/// <summary>A resource box in the graph, with its top-left corner and size in SVG units.</summary>
internal sealed record GraphNodeView(string Name, string Type, double X, double Y, double Width, double Height, int Layer);

namespace Bottle.AppHost.Dashboard.Graph;

/// <summary>The laid-out resource graph: the SVG's size, its boxes and its arrows.</summary>
internal sealed record GraphLayoutView(double Width, double Height, IReadOnlyList<GraphNodeView> Nodes, IReadOnlyList<GraphEdgeView> Edges);

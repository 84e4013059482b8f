using System.Globalization;
using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Dashboard.Graph;

/// <summary>
/// A layered left-to-right layout: a resource sits one column right of the furthest resource it points to
/// (parents, waits, references), so columns read in start order. Within a column resources keep model order.
/// </summary>
internal static class ResourceGraphLayout
{
    public const double NodeWidth = 190;
    public const double NodeHeight = 56;
    private const double ColumnGap = 90;
    private const double RowGap = 28;
    private const double Margin = 24;

    /// <param name="resources">Name, type and edges of each resource, in model order.</param>
    public static GraphLayoutView Layout(IReadOnlyList<(string Name, string Type, IReadOnlyList<RelationshipSnapshot> Edges)> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var byName = resources.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var layers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in resources)
        {
            LayerOf(resource.Name, byName, layers, []);
        }

        var nodes = new List<GraphNodeView>();
        var rowsUsed = new Dictionary<int, int>();
        foreach (var (name, type, _) in resources)
        {
            var layer = layers[name];
            var row = rowsUsed.GetValueOrDefault(layer);
            rowsUsed[layer] = row + 1;
            nodes.Add(new GraphNodeView(
                name, type, Margin + (layer * (NodeWidth + ColumnGap)), Margin + (row * (NodeHeight + RowGap)), NodeWidth, NodeHeight, layer));
        }

        var nodeByName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
        var edges = new List<GraphEdgeView>();
        foreach (var (name, _, relationships) in resources)
        {
            foreach (var edge in relationships.Where(e => nodeByName.ContainsKey(e.ResourceName)))
            {
                edges.Add(new GraphEdgeView(name, nodeByName[edge.ResourceName].Name, edge.Type, PathBetween(nodeByName[name], nodeByName[edge.ResourceName])));
            }
        }

        var width = nodes.Count == 0 ? 2 * Margin : nodes.Max(n => n.X + n.Width) + Margin;
        var height = nodes.Count == 0 ? 2 * Margin : nodes.Max(n => n.Y + n.Height) + Margin;
        return new GraphLayoutView(width, height, nodes, edges);
    }

    private static int LayerOf(
        string name,
        Dictionary<string, (string Name, string Type, IReadOnlyList<RelationshipSnapshot> Edges)> byName,
        Dictionary<string, int> layers,
        HashSet<string> visiting)
    {
        if (layers.TryGetValue(name, out var known))
        {
            return known;
        }

        // A relationship cycle (waits cannot cycle, but free-form relationships may) is cut where it closes.
        if (!byName.TryGetValue(name, out var resource) || !visiting.Add(name))
        {
            return -1;
        }

        var layer = resource.Edges
            .Where(e => byName.ContainsKey(e.ResourceName))
            .Select(e => LayerOf(e.ResourceName, byName, layers, visiting) + 1)
            .DefaultIfEmpty(0)
            .Max();
        visiting.Remove(name);
        layers[name] = Math.Max(layer, 0);
        return layers[name];
    }

    /// <summary>A curve from the source's nearest side to the target's, so arrows never cross their own boxes.</summary>
    private static string PathBetween(GraphNodeView from, GraphNodeView to)
    {
        double x1, y1, x2, y2;
        if (from.Layer == to.Layer)
        {
            // Same column: leave from the right side and come back into the right side of the other box.
            (x1, y1) = (from.X + from.Width, from.Y + (from.Height / 2));
            (x2, y2) = (to.X + to.Width, to.Y + (to.Height / 2));
            var bulge = x1 + (ColumnGap / 2);
            return Invariant($"M {x1} {y1} C {bulge} {y1}, {bulge} {y2}, {x2 + 6} {y2}");
        }

        var rightward = to.X > from.X;
        (x1, y1) = (rightward ? from.X + from.Width : from.X, from.Y + (from.Height / 2));
        (x2, y2) = (rightward ? to.X - 6 : to.X + to.Width + 6, to.Y + (to.Height / 2));
        var mid = (x1 + x2) / 2;
        return Invariant($"M {x1} {y1} C {mid} {y1}, {mid} {y2}, {x2} {y2}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

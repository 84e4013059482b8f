namespace Bottle.AppHost.Dashboard.Web;

/// <summary>A page of the dashboard: its path, its nav label and the id the script keys its behaviour on.</summary>
internal sealed record DashboardPage(string Id, string Path, string Title)
{
    public static readonly DashboardPage Resources = new("resources", "/", "Resources");
    public static readonly DashboardPage Graph = new("graph", "/graph", "Graph");
    public static readonly DashboardPage Logs = new("logs", "/logs", "Console logs");
    public static readonly DashboardPage Egress = new("egress", "/egress", "Egress");
    public static readonly DashboardPage Plan = new("plan", "/plan", "Plan");

    public static IReadOnlyList<DashboardPage> All { get; } = [Resources, Graph, Logs, Egress, Plan];
}

namespace Bottle.AppHost.Dashboard;

/// <summary>How the web dashboard is served (<c>builder.AddDashboard(options)</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The access token of the login link. Null (the default) draws a fresh random one per run, which is what
    /// operators should use; tests may fix it. At least 16 characters of <c>A-Z a-z 0-9 - _</c>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The name shown in the dashboard's header (the bottle's name).</summary>
    public string BottleName { get; set; } = "bottle";

    /// <summary>
    /// The bottle's plan for the Plan page: a <c>BottlePlan</c>, a JSON string, or any object that serialises
    /// to JSON. Null shows that this app host runs without a plan.
    /// </summary>
    public object? Plan { get; set; }

    /// <summary>Where the <c>Dashboard: http://127.0.0.1:PORT/login?t=TOKEN</c> line is printed; the console when null.</summary>
    public TextWriter? Output { get; set; }
}

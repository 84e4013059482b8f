namespace Bottle.AppHost.Dashboard.Views;

/// <summary>The latest result of one health check.</summary>
internal sealed record HealthReportView(string Name, string Status, string? Description);

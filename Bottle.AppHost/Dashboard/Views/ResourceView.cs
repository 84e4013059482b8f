namespace Bottle.AppHost.Dashboard.Views;

/// <summary>A resource as the browser receives it: display-ready, credential-like values already masked.</summary>
internal sealed record ResourceView(
    string Name,
    string Type,
    string State,
    string? StateStyle,
    string? Health,
    IReadOnlyList<UrlView> Urls,
    DateTimeOffset? StartTime,
    DateTimeOffset? StopTime,
    int? ExitCode,
    IReadOnlyList<NameValueView> Properties,
    IReadOnlyList<NameValueView> Environment,
    IReadOnlyList<HealthReportView> HealthReports,
    IReadOnlyList<RelationshipView> Relationships,
    IReadOnlyList<CommandView> Commands);

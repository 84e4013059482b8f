using System.Collections.Immutable;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// An immutable picture of one resource at one moment: what the dashboard and the CLI render. Every change
/// publishes a new snapshot through <c>ResourceNotificationService.PublishUpdateAsync</c>.
/// </summary>
public sealed record CustomResourceSnapshot
{
    /// <summary>The kind of resource, e.g. <c>Executable</c>, <c>Container</c>, <c>Network</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The state (see <see cref="KnownResourceStates"/>) and its style.</summary>
    public ResourceStateSnapshot? State { get; init; }

    /// <summary>Name/value details for the detail pane (see <see cref="KnownProperties"/>).</summary>
    public ImmutableArray<ResourcePropertySnapshot> Properties { get; init; } = [];

    /// <summary>Endpoint URLs.</summary>
    public ImmutableArray<UrlSnapshot> Urls { get; init; } = [];

    /// <summary>The environment the resource was last started with.</summary>
    public ImmutableArray<EnvironmentVariableSnapshot> EnvironmentVariables { get; init; } = [];

    /// <summary>The latest result of each health check tied to the resource.</summary>
    public ImmutableArray<HealthReportSnapshot> HealthReports { get; init; } = [];

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode { get; init; }

    /// <summary>When the resource entered the model.</summary>
    public DateTimeOffset? CreationTimeStamp { get; init; }

    /// <summary>When the last run started (null before the first start).</summary>
    public DateTimeOffset? StartTimeStamp { get; init; }

    /// <summary>When the last run ended (null while it runs).</summary>
    public DateTimeOffset? StopTimeStamp { get; init; }

    /// <summary>Edges to other resources: parent, waits, references.</summary>
    public ImmutableArray<RelationshipSnapshot> Relationships { get; init; } = [];

    /// <summary>The commands offered, with their current state.</summary>
    public ImmutableArray<ResourceCommandSnapshot> Commands { get; init; } = [];

    /// <summary>
    /// The overall health, derived like Aspire does: null unless running; healthy when running with no health
    /// checks; null while any check has not reported yet; otherwise the worst reported status.
    /// </summary>
    public HealthStatus? HealthStatus
    {
        get
        {
            if (!KnownResourceStates.IsRunning(State?.Text))
            {
                return null;
            }

            if (HealthReports.IsEmpty)
            {
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
            }

            return HealthReports.Any(r => r.Status is null) ? null : HealthReports.Min(r => r.Status);
        }
    }

    /// <summary>The value of property <paramref name="name"/>, or null when absent.</summary>
    public string? GetProperty(string name) => Properties.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>
    /// A copy with property <paramref name="name"/> set: replaced when present, added otherwise, removed when
    /// <paramref name="value"/> is null.
    /// </summary>
    public CustomResourceSnapshot WithProperty(string name, string? value, bool isSensitive = false)
    {
        var index = Properties.Select(p => p.Name).ToList().IndexOf(name);
        if (value is null)
        {
            return index < 0 ? this : this with { Properties = Properties.RemoveAt(index) };
        }

        var property = new ResourcePropertySnapshot(name, value, isSensitive);
        return this with { Properties = index < 0 ? Properties.Add(property) : Properties.SetItem(index, property) };
    }
}

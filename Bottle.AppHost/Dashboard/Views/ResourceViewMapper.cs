using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Dashboard.Views;

/// <summary>Turns a snapshot into what the browser may see (masking happens here, on the server).</summary>
internal static class ResourceViewMapper
{
    public static ResourceView ToView(ResourceEvent resourceEvent)
    {
        var s = resourceEvent.Snapshot;
        return new ResourceView(
            resourceEvent.ResourceId,
            s.ResourceType,
            s.State?.Text ?? KnownResourceStates.NotStarted,
            s.State?.Style ?? KnownResourceStateStyles.ForState(s.State?.Text),
            s.HealthStatus?.ToString() ?? (KnownResourceStates.IsRunning(s.State?.Text) ? "Checking" : null),
            [.. s.Urls.Select(u => new UrlView(u.Name, u.Url.ToString(), u.IsInternal))],
            s.StartTimeStamp,
            s.StopTimeStamp,
            s.ExitCode,
            [.. s.Properties.Select(p => Masked(p.Name, p.Value, p.IsSensitive))],
            [.. s.EnvironmentVariables.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => Masked(e.Name, e.Value, knownSensitive: false))],
            [.. s.HealthReports.Select(h => new HealthReportView(h.Name, h.Status?.ToString() ?? "Pending", h.Description))],
            [.. s.Relationships.Select(r => new RelationshipView(r.ResourceName, r.Type))],
            [.. s.Commands.Where(c => c.State != ResourceCommandState.Hidden).Select(c => new CommandView(
                c.Name, c.DisplayName, c.State == ResourceCommandState.Enabled, c.Description, c.ConfirmationMessage, c.IsHighlighted))]);
    }

    private static NameValueView Masked(string name, string? value, bool knownSensitive)
    {
        var mask = CredentialMask.ShouldMask(name, value, knownSensitive);
        return new NameValueView(name, mask ? CredentialMask.Masked : value, mask);
    }
}

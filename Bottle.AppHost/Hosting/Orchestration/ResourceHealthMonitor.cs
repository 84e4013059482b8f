using System.Collections.Immutable;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// Runs a running resource's health checks now and then on every tick of a <see cref="TimeProvider"/>-driven
/// timer, and publishes the reports: an unhealthy report turns <c>Running</c> into <c>RuntimeUnhealthy</c>,
/// a healthy one turns it back.
/// </summary>
internal sealed class ResourceHealthMonitor(OrchestrationContext context)
{
    /// <summary>Monitors until <paramref name="cancellationToken"/> is cancelled (the run ended).</summary>
    /// <param name="resource">The running resource.</param>
    /// <param name="keys">The registration names of its health checks.</param>
    /// <param name="onFirstHealthy">Called once, the first time every check reports healthy.</param>
    /// <param name="cancellationToken">Cancelled when the run ends.</param>
    public async Task RunAsync(IResource resource, IReadOnlyList<string> keys, Action onFirstHealthy, CancellationToken cancellationToken)
    {
        // The timer exists before the first check, so a tick that comes while a check runs is not lost.
        using var timer = new PeriodicTimer(context.Options.HealthCheckInterval, context.TimeProvider);
        var announced = false;
        do
        {
            var reports = await CheckAsync(keys, cancellationToken);
            var state = reports.Any(r => r.Status == HealthStatus.Unhealthy)
                ? KnownResourceStates.RuntimeUnhealthy
                : KnownResourceStates.Running;
            await context.Notifications.PublishUpdateAsync(resource, s => KnownResourceStates.IsRunning(s.State?.Text)
                ? s with { HealthReports = reports, State = ResourceStateSnapshot.For(state) }
                : s);
            if (!announced && reports.All(r => r.Status == HealthStatus.Healthy))
            {
                announced = true;
                onFirstHealthy();
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task<ImmutableArray<HealthReportSnapshot>> CheckAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var report = await context.HealthChecks.CheckHealthAsync(r => keys.Contains(r.Name), cancellationToken);
        return
        [
            .. keys.Select(key => report.Entries.TryGetValue(key, out var entry)
                ? new HealthReportSnapshot(key, entry.Status, entry.Description, entry.Exception?.ToString())
                // Fail closed: a check nobody registered can never report healthy.
                : new HealthReportSnapshot(key, HealthStatus.Unhealthy, $"No health check is registered with key '{key}'.", null)),
        ];
    }
}

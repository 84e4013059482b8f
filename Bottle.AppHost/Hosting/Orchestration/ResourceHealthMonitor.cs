using System.Collections.Immutable;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// Runs a running resource's health checks now and then on every tick of a <see cref="TimeProvider"/>-driven
/// timer, and at once whenever the run says its health may have changed (<see cref="IHealthChangeSource"/>),
/// and publishes the reports: an unhealthy report turns <c>Running</c> into <c>RuntimeUnhealthy</c>, a healthy
/// one turns it back.
/// </summary>
internal sealed class ResourceHealthMonitor(OrchestrationContext context)
{
    /// <summary>Monitors until <paramref name="cancellationToken"/> is cancelled (the run ended).</summary>
    /// <param name="resource">The running resource.</param>
    /// <param name="keys">The registration names of its health checks.</param>
    /// <param name="onFirstHealthy">Called once, the first time every check reports healthy.</param>
    /// <param name="changes">Says when to check before the next tick; null to check on ticks only.</param>
    /// <param name="cancellationToken">Cancelled when the run ends.</param>
    public async Task RunAsync(IResource resource, IReadOnlyList<string> keys, Action onFirstHealthy, IHealthChangeSource? changes, CancellationToken cancellationToken)
    {
        // The timer exists before the first check, so a tick that comes while a check runs is not lost.
        using var timer = new PeriodicTimer(context.Options.HealthCheckInterval, context.TimeProvider);
        Task<bool>? tick = null;
        Task? change = null;
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
        while (await NextAsync());

        // The next tick, or the next change when that comes first; a pending wait carries over to the next round
        // (a PeriodicTimer allows one wait at a time, and a change that came during a check must not be lost).
        async Task<bool> NextAsync()
        {
            tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
            if (changes is not null)
            {
                change ??= changes.WaitForHealthChangeAsync(cancellationToken);
                var first = await Task.WhenAny(tick, change);
                if (first == change)
                {
                    change = null;
                    try
                    {
                        await first;
                        return true;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The source ended: ticks only from now on.
                        changes = null;
                    }
                }
            }

            var ticked = tick;
            tick = null;
            return await ticked;
        }
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

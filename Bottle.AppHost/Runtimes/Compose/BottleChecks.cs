using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The checks of a bottle run, read from the resource snapshots the dashboard and CLI also show.</summary>
public static class BottleChecks
{
    /// <summary>The name of the command's check.</summary>
    public const string CommandCheck = "command exit code";

    /// <summary>The name of the agent's check.</summary>
    public const string AgentCheck = "agent running";

    /// <summary>The name of a sidecar's check.</summary>
    public static string SidecarCheck(string role) => $"sidecar {role} healthy";

    /// <summary>
    /// One check per sidecar (running and healthy) and one for the agent (running), from <paramref name="notifications"/>
    /// as they are now; a resource with no snapshot fails its check ("never started").
    /// </summary>
    public static IReadOnlyList<BottleCheck> Read(BottlePlan plan, ResourceNotificationService? notifications)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var checks = plan.Sidecars
            .Select(s => new BottleCheck(SidecarCheck(s.Role), TimeSpan.Zero, Problem(notifications, s.Role, needsHealthy: true)))
            .ToList();
        checks.Add(new BottleCheck(AgentCheck, TimeSpan.Zero, Problem(notifications, ComposeServiceNames.Agent, needsHealthy: false)));
        return checks;
    }

    private static string? Problem(ResourceNotificationService? notifications, string resource, bool needsHealthy)
    {
        if (notifications is null || !notifications.TryGetCurrentState(resource, out var current))
        {
            return $"{resource} never started";
        }

        var snapshot = current.Snapshot;
        var state = snapshot.State?.Text ?? KnownResourceStates.NotStarted;
        var reason = snapshot.GetProperty(KnownProperties.FailureReason) is { } why ? $": {why}" : string.Empty;
        if (!KnownResourceStates.IsRunning(state))
        {
            return $"{resource} is {state}{reason}";
        }

        return needsHealthy && snapshot.HealthStatus != HealthStatus.Healthy
            ? $"{resource} is running but {(snapshot.HealthStatus?.ToString() ?? "not yet checked").ToLowerInvariant()}{Reports(snapshot)}"
            : null;
    }

    private static string Reports(CustomResourceSnapshot snapshot) =>
        snapshot.HealthReports.IsEmpty
            ? string.Empty
            : ": " + string.Join("; ", snapshot.HealthReports.Select(r => $"{r.Name} {r.Status?.ToString() ?? "pending"}{(r.Description is { } d ? $" ({d})" : string.Empty)}"));
}

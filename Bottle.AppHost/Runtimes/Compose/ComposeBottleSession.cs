using Bottle.AppHost.Bottles;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// One bottle on the Docker runtime, as an application: <see cref="Create"/> builds it from a plan,
/// <see cref="StartAsync"/> launches it, <see cref="WaitUntilUpAsync"/> waits for every sidecar healthy and
/// the agent running, <see cref="StopAsync"/> tears it down (or lets go of it when detached). <c>up</c> and
/// the integration tests both drive bottles through this type.
/// </summary>
public sealed class ComposeBottleSession : IAsyncDisposable
{
    private ComposeBottleSession(BottleApplication app, ComposeProjectResource project)
    {
        App = app;
        Project = project;
    }

    /// <summary>The application (its services hold the notification and log services).</summary>
    public BottleApplication App { get; }

    /// <summary>The bottle's Compose project resource.</summary>
    public ComposeProjectResource Project { get; }

    /// <summary>The snapshots of every resource.</summary>
    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>Builds the application for <paramref name="plan"/> with its state in <paramref name="stateDirectory"/>.</summary>
    public static ComposeBottleSession Create(BottlePlan plan, string stateDirectory, bool detached)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var builder = new BottleApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var project = builder.AddBottle(plan, stateDirectory).Resource;
        project.Detached = detached;
        return new ComposeBottleSession(builder.Build(), project);
    }

    /// <summary>Starts the orchestrator (returns at once; resources come up in dependency order).</summary>
    public Task StartAsync(CancellationToken cancellationToken) => App.StartAsync(cancellationToken);

    /// <summary>
    /// Waits until every sidecar is running and healthy and the agent runs. Returns null when up, else why not
    /// (a resource failed to start or ended); <paramref name="onChange"/> hears each resource's state as it changes.
    /// </summary>
    public async Task<string?> WaitUntilUpAsync(Action<string>? onChange, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var update in Notifications.WatchAsync(cancellationToken))
        {
            var text = Describe(update.Snapshot);
            if (!last.TryGetValue(update.Resource.Name, out var previous) || previous != text)
            {
                last[update.Resource.Name] = text;
                onChange?.Invoke($"{update.Resource.Name,-24} {text}");
            }

            if (KnownResourceStates.IsTerminal(update.Snapshot.State?.Text))
            {
                return $"{update.Resource.Name} is {text}";
            }

            if (IsUp())
            {
                return null;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Stops the application: the bottle is torn down, or only let go of when detached.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => App.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => App.DisposeAsync();

    private bool IsUp()
    {
        foreach (var resource in App.Services.GetRequiredService<BottleApplicationModel>().Resources.OfType<IComposeServiceResource>())
        {
            if (!Notifications.TryGetCurrentState(resource.Name, out var current)
                || !KnownResourceStates.IsRunning(current.Snapshot.State?.Text)
                || (resource is SidecarResource && current.Snapshot.HealthStatus != HealthStatus.Healthy))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text ?? KnownResourceStates.NotStarted;
        var health = snapshot.HealthReports.IsEmpty ? string.Empty : $" ({snapshot.HealthStatus?.ToString() ?? "checking"})";
        var reason = snapshot.GetProperty(KnownProperties.FailureReason) is { } why ? $": {why}" : string.Empty;
        return state + health + reason;
    }
}

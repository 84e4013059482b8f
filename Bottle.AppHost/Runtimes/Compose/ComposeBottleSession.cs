using Bottle.AppHost.Audit;
using Bottle.AppHost.Bottles;
using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Terminal;
using Bottle.AppHost.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// One bottle on the Docker runtime, as an application: <c>Create</c> builds it from a plan,
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

    /// <summary>The sidecars' audit events, fed from the state directory's <c>audit.jsonl</c> (the Egress page's source).</summary>
    public InMemoryAuditEventSource Audit => App.Services.GetRequiredService<InMemoryAuditEventSource>();

    /// <summary>The web dashboard, when the session was created with one; null otherwise.</summary>
    public DashboardServer? Dashboard => App.Services.GetService<DashboardServer>();

    /// <summary>Builds the application for <paramref name="plan"/> with its state in <paramref name="stateDirectory"/>, without views.</summary>
    public static ComposeBottleSession Create(BottlePlan plan, string stateDirectory, bool detached) =>
        Create(plan, stateDirectory, detached, new ComposeBottleSessionOptions());

    /// <summary>
    /// Builds the application for <paramref name="plan"/> with its state in <paramref name="stateDirectory"/>, the
    /// audit feed from its <c>audit.jsonl</c>, and the views <paramref name="options"/> asks for. The dashboard and
    /// the terminal view read the same notification, log and audit services.
    /// </summary>
    public static ComposeBottleSession Create(BottlePlan plan, string stateDirectory, bool detached, ComposeBottleSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new BottleApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var project = builder.AddBottle(plan, stateDirectory).Resource;
        project.Detached = detached;
        builder.AddAuditFeed(Path.Combine(project.StateDirectory, AuditFileName));
        if (options.Dashboard is { } dashboard)
        {
            dashboard.Plan ??= plan;
            builder.AddDashboard(dashboard);
        }

        if (options.Console is { } console)
        {
            builder.Services.AddSingleton(console);
            builder.AddConsoleResourceView();
        }

        return new ComposeBottleSession(builder.Build(), project);
    }

    /// <summary>The audit file's name in the state directory (the sidecars append to it through a bind mount).</summary>
    public const string AuditFileName = "audit.jsonl";

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

    /// <summary>
    /// Waits until a container of the bottle ends while it should be up (it crashed, or someone ran <c>bottle down</c>
    /// or <c>docker stop</c> elsewhere) and says which and how.
    /// </summary>
    public async Task<string> WaitUntilAServiceEndsAsync(CancellationToken cancellationToken)
    {
        await foreach (var update in Notifications.WatchAsync(cancellationToken))
        {
            if (update.Resource is IComposeServiceResource && KnownResourceStates.IsTerminal(update.Snapshot.State?.Text))
            {
                return $"{update.Resource.Name} is {Describe(update.Snapshot)}";
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

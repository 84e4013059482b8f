using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bottle.Tests.Browser;

/// <summary>A started app host with the dashboard on a free port, real executable resources and a scratch directory.</summary>
internal sealed class DashboardTestApp : IAsyncDisposable
{
    /// <summary>How long any single wait (process, snapshot, browser assertion) may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private DashboardTestApp(BottleApplication app, string directory)
    {
        App = app;
        Directory = directory;
    }

    public BottleApplication App { get; }

    /// <summary>The resources' working directory, deleted on dispose.</summary>
    public string Directory { get; }

    public DashboardServer Server => App.Services.GetRequiredService<DashboardServer>();

    public ResourceNotificationService Notifications => App.Services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService Logs => App.Services.GetRequiredService<ResourceLoggerService>();

    public ApplicationOrchestrator Orchestrator => App.Services.GetRequiredService<ApplicationOrchestrator>();

    public InMemoryAuditEventSource Audit => App.Services.GetRequiredService<InMemoryAuditEventSource>();

    /// <summary>Builds the app (configure adds resources in <c>directory</c>), starts it, and returns once the dashboard listens.</summary>
    public static async Task<DashboardTestApp> StartAsync(
        Action<BottleApplicationBuilder, string> configure, DashboardOptions? options, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bottle-dashboard-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var builder = new BottleApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Health checks run often so a gate flipped by a test is noticed quickly (the orchestrator polls, not the test).
        builder.Services.Configure<BottleHostingOptions>(o =>
        {
            o.HealthCheckInterval = TimeSpan.FromMilliseconds(200);
            o.StopGracePeriod = TimeSpan.FromSeconds(5);
        });
        configure(builder, directory);
        builder.AddDashboard(options ?? new DashboardOptions { BottleName = "test-bottle", Output = TextWriter.Null });
        var app = builder.Build();
        await app.StartAsync(cancellationToken);
        return new DashboardTestApp(app, directory);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(Deadline);
        await App.StopAsync(stop.Token);
        await App.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

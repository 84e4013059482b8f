using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bottle.Tests.Unit.Hosting;

/// <summary>Builders and waits shared by the hosting tests. Every wait is bounded by a deadline token.</summary>
internal static class HostingTestHelpers
{
    /// <summary>How long any single test may wait for processes and snapshots before it fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>A builder without host defaults (no console logging, no appsettings) and with an optional time provider.</summary>
    public static BottleApplicationBuilder CreateBuilder(TimeProvider? timeProvider = null, Action<BottleHostingOptions>? configure = null)
    {
        var builder = new BottleApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return builder;
    }

    public static CancellationTokenSource DeadlineSource() => new(Deadline);

    public static ResourceNotificationService Notifications(this BottleApplication app) =>
        app.Services.GetRequiredService<ResourceNotificationService>();

    public static ResourceLoggerService Logs(this BottleApplication app) =>
        app.Services.GetRequiredService<ResourceLoggerService>();

    public static ApplicationOrchestrator Orchestrator(this BottleApplication app) =>
        app.Services.GetRequiredService<ApplicationOrchestrator>();

    /// <summary>A fresh directory for marker files, removed by the caller.</summary>
    public static string CreateTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "bottle-hosting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Reads lines of a resource's log from the start until <paramref name="until"/> matches one.</summary>
    public static async Task<List<LogLine>> ReadLogUntilAsync(this ResourceLoggerService logs, string resourceName, Func<LogLine, bool> until, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        await foreach (var line in logs.WatchAsync(resourceName, fromStart: true, cancellationToken))
        {
            lines.Add(line);
            if (until(line))
            {
                break;
            }
        }

        return lines;
    }
}

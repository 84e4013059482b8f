namespace Bottle.AppHost.Hosting;

/// <summary>Tunables of the hosting layer (<c>services.Configure&lt;BottleHostingOptions&gt;(...)</c>).</summary>
public sealed class BottleHostingOptions
{
    /// <summary>How often the health checks of a running resource run. Default 5 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopped resource gets after SIGTERM before it is killed. Default 10 s.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many log lines each resource keeps for late watchers. Default 10,000.</summary>
    public int LogBacklogSize { get; set; } = 10_000;
}

namespace Bottle.AppHost.Dashboard.Audit;

/// <summary>A stream of sidecar audit events (the dashboard's Egress page reads it).</summary>
public interface IAuditEventSource
{
    /// <summary>
    /// Streams the events kept so far, then each new one, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<AuditEvent> WatchAsync(CancellationToken cancellationToken = default);
}

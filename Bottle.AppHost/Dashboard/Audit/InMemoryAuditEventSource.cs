using Bottle.AppHost.Hosting;

namespace Bottle.AppHost.Dashboard.Audit;

/// <summary>
/// An <see cref="IAuditEventSource"/> fed in process with <see cref="Publish"/>: keeps the last
/// <see cref="BacklogSize"/> events for late watchers and fans each new one out to every watcher.
/// </summary>
public sealed class InMemoryAuditEventSource : IAuditEventSource
{
    private readonly Broadcast<AuditEvent> _broadcast = new();
    private readonly Queue<AuditEvent> _backlog = new();

    /// <summary>Creates a source keeping at most <paramref name="backlogSize"/> events for late watchers.</summary>
    public InMemoryAuditEventSource(int backlogSize = 5_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(backlogSize, 1);
        BacklogSize = backlogSize;
    }

    /// <summary>How many events are kept for watchers that connect later.</summary>
    public int BacklogSize { get; }

    /// <summary>Records <paramref name="auditEvent"/> and sends it to every watcher.</summary>
    public void Publish(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        _broadcast.Publish(() =>
        {
            _backlog.Enqueue(auditEvent);
            while (_backlog.Count > BacklogSize)
            {
                _backlog.Dequeue();
            }

            return auditEvent;
        });
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AuditEvent> WatchAsync(CancellationToken cancellationToken = default) =>
        _broadcast.WatchAsync(() => [.. _backlog], cancellationToken);
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Bottle.AppHost.Dashboard.Audit;

/// <summary>
/// An <see cref="IAuditEventSource"/> fed in process with <see cref="Publish"/>: keeps the last
/// <see cref="BacklogSize"/> events for late watchers and fans each new one out to every watcher.
/// </summary>
public sealed class InMemoryAuditEventSource : IAuditEventSource
{
    private readonly Lock _gate = new();
    private readonly Queue<AuditEvent> _backlog = new();
    private readonly List<Channel<AuditEvent>> _watchers = [];

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
        lock (_gate)
        {
            _backlog.Enqueue(auditEvent);
            while (_backlog.Count > BacklogSize)
            {
                _backlog.Dequeue();
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(auditEvent);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<AuditEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            foreach (var auditEvent in _backlog)
            {
                channel.Writer.TryWrite(auditEvent);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var auditEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return auditEvent;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }
}

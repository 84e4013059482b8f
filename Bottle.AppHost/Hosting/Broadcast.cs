using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Bottle.AppHost.Hosting;

/// <summary>
/// Fans published items out to live watchers. The owner's state changes run under the same lock as the fan-out
/// (<see cref="Publish"/>), and a new watcher is primed under that lock too (<see cref="WatchAsync"/>), so every
/// watcher sees each item exactly once and all watchers see the same order.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class Broadcast<T>
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _watchers = [];

    /// <summary>Runs <paramref name="update"/> (the owner's state change) and sends the item it returns to every watcher.</summary>
    public T Publish(Func<T> update)
    {
        lock (_gate)
        {
            var item = update();
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(item);
            }

            return item;
        }
    }

    /// <summary>Reads the owner's state under the lock that publishing holds.</summary>
    public TResult Read<TResult>(Func<TResult> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>
    /// Streams what <paramref name="primer"/> returns (read under the lock: the owner's current state or backlog),
    /// then every published item, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<T> WatchAsync(Func<IEnumerable<T>> primer, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            foreach (var item in primer())
            {
                channel.Writer.TryWrite(item);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
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

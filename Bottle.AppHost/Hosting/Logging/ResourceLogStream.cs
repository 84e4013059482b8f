using System.Threading.Channels;

namespace Bottle.AppHost.Hosting.Logging;

/// <summary>The log of one resource: a bounded backlog plus live subscribers.</summary>
internal sealed class ResourceLogStream(int backlogSize)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _backlog = new();
    private readonly List<Channel<LogLine>> _subscribers = [];
    private long _lastLineNumber;

    public void Append(DateTimeOffset timestamp, string text, bool isError)
    {
        lock (_gate)
        {
            var line = new LogLine(++_lastLineNumber, timestamp, text, isError);
            _backlog.Enqueue(line);
            while (_backlog.Count > backlogSize)
            {
                _backlog.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>Registers a subscriber, primed with the backlog when <paramref name="fromStart"/> is set.</summary>
    public Channel<LogLine> Subscribe(bool fromStart)
    {
        var channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (fromStart)
            {
                foreach (var line in _backlog)
                {
                    channel.Writer.TryWrite(line);
                }
            }

            _subscribers.Add(channel);
        }

        return channel;
    }

    public IReadOnlyList<LogLine> Backlog()
    {
        lock (_gate)
        {
            return [.. _backlog];
        }
    }

    public void Unsubscribe(Channel<LogLine> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }
}

namespace Bottle.AppHost.Hosting.Logging;

/// <summary>The log of one resource: a bounded backlog plus live watchers.</summary>
internal sealed class ResourceLogStream(int backlogSize)
{
    private readonly Broadcast<LogLine> _broadcast = new();
    private readonly Queue<LogLine> _backlog = new();
    private long _lastLineNumber;

    public void Append(DateTimeOffset timestamp, string text, bool isError) =>
        _broadcast.Publish(() =>
        {
            var line = new LogLine(++_lastLineNumber, timestamp, text, isError);
            _backlog.Enqueue(line);
            while (_backlog.Count > backlogSize)
            {
                _backlog.Dequeue();
            }

            return line;
        });

    /// <summary>Streams new lines, after the backlog when <paramref name="fromStart"/> is set, until cancelled.</summary>
    public IAsyncEnumerable<LogLine> WatchAsync(bool fromStart, CancellationToken cancellationToken) =>
        _broadcast.WatchAsync(() => fromStart ? [.. _backlog] : [], cancellationToken);

    public IReadOnlyList<LogLine> Backlog() => _broadcast.Read<IReadOnlyList<LogLine>>(() => [.. _backlog]);
}

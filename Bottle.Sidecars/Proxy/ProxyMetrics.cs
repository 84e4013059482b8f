using System.Collections.Concurrent;

namespace Bottle.Sidecars.Proxy;

/// <summary>Counters the proxy keeps for <c>/metrics</c>: requests by decision and deny reason, bytes each way.</summary>
public sealed class ProxyMetrics
{
    private readonly ConcurrentDictionary<string, long> _deniedByReason = new(StringComparer.Ordinal);
    private long _allowed;
    private long _denied;
    private long _failed;
    private long _bytesUp;
    private long _bytesDown;

    /// <summary>Requests forwarded (including CONNECT tunnels opened).</summary>
    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>Requests denied.</summary>
    public long Denied => Interlocked.Read(ref _denied);

    /// <summary>Allowed requests that failed upstream.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Request body bytes sent upstream.</summary>
    public long BytesUp => Interlocked.Read(ref _bytesUp);

    /// <summary>Response body bytes sent to clients.</summary>
    public long BytesDown => Interlocked.Read(ref _bytesDown);

    /// <summary>Denies per reason code.</summary>
    public IReadOnlyDictionary<string, long> DeniedByReason => new SortedDictionary<string, long>(_deniedByReason, StringComparer.Ordinal);

    internal void RecordAllowed(long up, long down)
    {
        Interlocked.Increment(ref _allowed);
        AddBytes(up, down);
    }

    internal void RecordDenied(string reason, long up)
    {
        Interlocked.Increment(ref _denied);
        _deniedByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        AddBytes(up, 0);
    }

    internal void RecordFailed(long up, long down)
    {
        Interlocked.Increment(ref _failed);
        AddBytes(up, down);
    }

    private void AddBytes(long up, long down)
    {
        Interlocked.Add(ref _bytesUp, up);
        Interlocked.Add(ref _bytesDown, down);
    }
}

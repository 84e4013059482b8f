namespace Bottle.Sidecars.Egress;

/// <summary>Counters for <c>/metrics</c>; updated lock-free on the request path.</summary>
public sealed class EgressMetrics
{
    private long connectionsAccepted;
    private long connectionsRefused;
    private long requestsAllowed;
    private long requestsBlocked;
    private long tunnelsOpened;
    private long credentialsInjected;
    private long upstreamErrors;
    private long bytesOut;
    private long bytesIn;

    internal void ConnectionAccepted() => Interlocked.Increment(ref connectionsAccepted);

    internal void ConnectionRefused() => Interlocked.Increment(ref connectionsRefused);

    internal void Allowed() => Interlocked.Increment(ref requestsAllowed);

    internal void Blocked() => Interlocked.Increment(ref requestsBlocked);

    internal void TunnelOpened() => Interlocked.Increment(ref tunnelsOpened);

    internal void Injected(int count) => Interlocked.Add(ref credentialsInjected, count);

    internal void UpstreamError() => Interlocked.Increment(ref upstreamErrors);

    internal void Transferred(long sent, long received)
    {
        Interlocked.Add(ref bytesOut, sent);
        Interlocked.Add(ref bytesIn, received);
    }

    /// <summary>A consistent-enough copy of the counters.</summary>
    public EgressMetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref connectionsAccepted),
        Interlocked.Read(ref connectionsRefused),
        Interlocked.Read(ref requestsAllowed),
        Interlocked.Read(ref requestsBlocked),
        Interlocked.Read(ref tunnelsOpened),
        Interlocked.Read(ref credentialsInjected),
        Interlocked.Read(ref upstreamErrors),
        Interlocked.Read(ref bytesOut),
        Interlocked.Read(ref bytesIn));
}

namespace Bottle.Sidecars.Egress;

/// <summary>The egress counters at one moment, as served on <c>/metrics</c>.</summary>
public sealed record EgressMetricsSnapshot(
    long ConnectionsAccepted,
    long ConnectionsRefused,
    long RequestsAllowed,
    long RequestsBlocked,
    long TunnelsOpened,
    long CredentialsInjected,
    long UpstreamErrors,
    long BytesOut,
    long BytesIn);

using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Tls;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Proxy;

/// <summary>Everything a proxy connection needs, shared by all connections of one server.</summary>
internal sealed record ProxyServices(
    PolicyStore Policy,
    LeafCertificateCache Leaves,
    IUpstreamConnector Upstream,
    IRequestInspector Inspector,
    AuditWriter Audit,
    ProxyMetrics Metrics,
    ProxyLimits Limits,
    TimeProvider Time,
    ILogger Logger,
    CancellationToken Stopping);

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Sidecars.Egress;

/// <summary>Maps egress's <c>/health</c> and <c>/metrics</c> on the sidecar's admin endpoint (not on the egress listener).</summary>
public static class EgressEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>GET {prefix}/health</c>: 200 <c>{"status":"healthy"}</c> while listening, 503 otherwise.
    /// <c>GET {prefix}/metrics</c>: the <see cref="EgressMetricsSnapshot"/> as JSON.
    /// </summary>
    public static IEndpointRouteBuilder MapEgressEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(prefix + "/health", (EgressServer server) => server.IsListening
            ? Results.Json(new { sidecar = "egress", status = "healthy" })
            : Results.Json(new { sidecar = "egress", status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        endpoints.MapGet(prefix + "/metrics", (EgressServer server) => Results.Json(server.Metrics.Snapshot()));
        return endpoints;
    }
}

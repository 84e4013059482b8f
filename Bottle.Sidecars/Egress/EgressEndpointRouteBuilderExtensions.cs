using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Sidecars.Egress;

/// <summary>Maps egress's <c>/health</c> and <c>/metrics</c> on the sidecar's admin endpoint (not on the egress listener).</summary>
public static class EgressEndpointRouteBuilderExtensions
{
    private static readonly EgressStatus Healthy = new("egress", "healthy");
    private static readonly EgressStatus Unhealthy = new("egress", "unhealthy");

    /// <summary>
    /// <c>GET {prefix}/health</c>: 200 <c>{"status":"healthy"}</c> while listening, 503 otherwise.
    /// <c>GET {prefix}/metrics</c>: the <see cref="EgressMetricsSnapshot"/> as JSON.
    /// </summary>
    public static IEndpointRouteBuilder MapEgressEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Plain RequestDelegates with source-generated JSON: delegate-binding minimal APIs and Results.Json without a
        // JsonTypeInfo rely on reflection, which the trimmed sidecar image does not have.
        endpoints.MapGet(prefix + "/health", (RequestDelegate)(context =>
        {
            var server = context.RequestServices.GetRequiredService<EgressServer>();
            var result = server.IsListening
                ? Results.Json(Healthy, EgressJsonContext.Default.EgressStatus)
                : Results.Json(Unhealthy, EgressJsonContext.Default.EgressStatus, statusCode: StatusCodes.Status503ServiceUnavailable);
            return result.ExecuteAsync(context);
        }));
        endpoints.MapGet(prefix + "/metrics", (RequestDelegate)(context =>
        {
            var server = context.RequestServices.GetRequiredService<EgressServer>();
            return Results.Json(server.Metrics.Snapshot(), EgressJsonContext.Default.EgressMetricsSnapshot).ExecuteAsync(context);
        }));
        return endpoints;
    }
}

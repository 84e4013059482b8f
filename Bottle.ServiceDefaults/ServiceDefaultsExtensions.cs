using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bottle.ServiceDefaults;

/// <summary>
/// The defaults every Bottle service shares, in the shape of Aspire's ServiceDefaults project:
/// health checks with <c>/health</c> and <c>/alive</c>, JSON console logging, and OpenTelemetry over OTLP
/// when (and only when) <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The readiness endpoint: every registered health check.</summary>
    public const string HealthPath = "/health";

    /// <summary>The liveness endpoint: only checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>The tag that puts a health check into <see cref="AlivePath"/>.</summary>
    public const string LiveTag = "live";

    /// <summary>Registers the identity, health checks, JSON console logging and (optionally) OpenTelemetry.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, ServiceIdentity identity)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(identity);

        builder.Services.AddSingleton(identity);

        // One JSON object per line: container logs (compose logs, the dashboard) parse them without guessing.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        // Per-request lines from ASP.NET Core would be mostly health probes every few seconds.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.ConfigureOpenTelemetry(identity);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (all checks) and <c>/alive</c> (live checks), both answering JSON.</summary>
    public static TEndpoints MapDefaultEndpoints<TEndpoints>(this TEndpoints endpoints)
        where TEndpoints : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        endpoints.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return endpoints;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder, ServiceIdentity identity)
    {
        // Without a collector, exporting only costs time and logs connection errors: stay off. The setup is a method
        // of its own so that a process without a collector never loads the OpenTelemetry assemblies (memory).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.AddOpenTelemetryExport(identity);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetryExport(this IHostApplicationBuilder builder, ServiceIdentity identity)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(identity.Name, serviceVersion: identity.Version)
                .AddAttributes([new("bottle.role", identity.Role)]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithTracing(tracing => tracing
                // Health probes arrive every few seconds; tracing them would drown the real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }
}

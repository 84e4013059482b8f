using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting.Health;

/// <summary>Healthy when a GET of <paramref name="path"/> on a resource's endpoint answers the expected status.</summary>
/// <param name="endpoint">The endpoint; its URL is known once the resource started.</param>
/// <param name="path">The path to request, e.g. <c>/health</c>.</param>
/// <param name="expectedStatusCode">The status that counts as healthy, or null for any 2xx.</param>
internal sealed class HttpEndpointHealthCheck(EndpointAnnotation endpoint, string path, int? expectedStatusCode) : IHealthCheck
{
    // One client for all checks: the handler pools connections per endpoint.
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (endpoint.Url is not { } baseUrl)
        {
            return HealthCheckResult.Unhealthy($"Endpoint '{endpoint.Name}' has no port yet.");
        }

        var url = new Uri(baseUrl, path);
        try
        {
            using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var healthy = expectedStatusCode is { } expected ? status == expected : response.IsSuccessStatusCode;
            var description = $"GET {url} answered {status}.";
            return healthy ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description);
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"GET {url} failed: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"GET {url} timed out.", ex);
        }
    }
}

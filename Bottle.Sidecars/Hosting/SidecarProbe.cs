using Bottle.ServiceDefaults;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// <c>bottle-sidecars probe</c>: the container healthcheck. Asks the local admin endpoint for <c>/health</c>
/// so the image needs no curl; exit 0 only on 200, 1 otherwise (Docker's healthy/unhealthy convention).
/// </summary>
internal static class SidecarProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(int adminPort, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout };
        var url = new Uri($"http://127.0.0.1:{adminPort}{ServiceDefaultsExtensions.HealthPath}");
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await stderr.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}

using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.GitGate.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.GitGate;

/// <summary>
/// Runs a <see cref="GitGateServer"/> (its own web server on the agent-facing smart-HTTP endpoint) inside the
/// sidecar host with the config's DLP rules (built-ins plus the manifest's patterns), so git routes never share a listener with the admin endpoint; reports its health there.
/// </summary>
public sealed class GitGateHostedService(GitGateOptions options, string url, DlpScanner scanner) : IHostedService, IHealthCheck
{
    private GitGateServer? _server;

    /// <summary>The running server, once started.</summary>
    public GitGateServer? Server => _server;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken) =>
        _server = await GitGateServer.StartAsync(options, new DlpSecretScanner(scanner), url, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["remotes"] = options.Remotes.Count, ["listening"] = _server?.BaseAddress.ToString() ?? "" };
        if (_server is null)
        {
            return HealthCheckResult.Unhealthy("git-gate is not serving", data: data);
        }

        var report = await _server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
        var problems = string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Value.Description));
        return report.Status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy("mirrors ready", data)
            : HealthCheckResult.Unhealthy(problems, data: data);
    }
}

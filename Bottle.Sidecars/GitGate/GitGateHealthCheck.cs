using Bottle.Sidecars.GitGate.Mirrors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.Sidecars.GitGate;

/// <summary>Healthy when every remote's mirror was filled from its real remote; otherwise names the ones that were not and why.</summary>
internal sealed class GitGateHealthCheck(MirrorStore mirrors) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broken = mirrors.Errors.Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}").ToList();
        return Task.FromResult(broken.Count == 0
            ? HealthCheckResult.Healthy("all mirrors ready")
            : HealthCheckResult.Unhealthy("mirrors not ready: " + string.Join("; ", broken)));
    }
}

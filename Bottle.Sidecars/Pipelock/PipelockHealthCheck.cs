using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.Sidecars.Pipelock;

/// <summary>pipelock's entry in <c>/health</c>: healthy while the proxy listens; reports policy version, rule counts and the last rejected reload.</summary>
internal sealed class PipelockHealthCheck(PipelockServer server, DlpRequestInspector dlp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = server.GetStatus();
        var data = new Dictionary<string, object>
        {
            ["policyVersion"] = status.PolicyVersion,
            ["rules"] = status.RuleCount,
            ["dlpRules"] = dlp.RuleCount,
            ["listening"] = server.EndPoint.ToString(),
        };
        if (status.LastReloadError is { } error)
        {
            data["lastReloadError"] = error;
        }

        return Task.FromResult(server.EndPoint.Port == 0
            ? HealthCheckResult.Unhealthy("pipelock is not listening", data: data)
            : HealthCheckResult.Healthy($"policy v{status.PolicyVersion}, {status.RuleCount} rules", data));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.Sidecars.Egress;

/// <summary>egress's entry in <c>/health</c>: healthy while it listens; reports policy version and rule counts.</summary>
internal sealed class EgressHealthCheck(EgressServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["policyVersion"] = server.PolicyVersion,
            ["rules"] = server.RuleCount,
            ["gitGateRules"] = server.GitGateRuleCount,
            ["listening"] = server.LocalEndPoint?.ToString() ?? "",
        };
        return Task.FromResult(server.IsListening
            ? HealthCheckResult.Healthy($"policy v{server.PolicyVersion}", data)
            : HealthCheckResult.Unhealthy("egress is not listening", data: data));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Reports a container's Docker health (from its image's or Compose file's healthcheck): healthy only when the
/// container runs and Docker says <c>healthy</c>; <c>starting</c> is degraded; anything else (unhealthy,
/// stopped, missing, no healthcheck, Docker not answering) is unhealthy.
/// </summary>
/// <param name="containerName">The container to ask about.</param>
public sealed class DockerContainerHealthCheck(string containerName) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var inspect = await DockerCli.RunAsync(
            ["inspect", "--format", "{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}", containerName], cancellationToken);
        if (!inspect.Succeeded)
        {
            return HealthCheckResult.Unhealthy($"docker inspect {containerName}: {inspect.StdErr.Trim()}");
        }

        var parts = inspect.StdOut.Trim().Split('|');
        return (parts[0], parts.ElementAtOrDefault(1)) switch
        {
            ("running", "healthy") => HealthCheckResult.Healthy($"{containerName} is healthy"),
            ("running", "starting") => HealthCheckResult.Degraded($"{containerName} is starting"),
            ("running", "" or null) => HealthCheckResult.Unhealthy($"{containerName} has no healthcheck"),
            ("running", var health) => HealthCheckResult.Unhealthy($"{containerName} is {health}"),
            var (state, _) => HealthCheckResult.Unhealthy($"{containerName} is {state}"),
        };
    }
}

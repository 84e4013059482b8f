namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Compose v1's <c>up --no-start</c> creates each container on its first network only: it connects the others when
/// it starts the container itself, and Bottle starts containers with <c>docker start</c>. Without this step egress
/// (sidecar + out) lacked its sidecar-network address and exited ("Cannot assign requested address"), and pipelock
/// and git-gate (agent + sidecar) could not reach egress. Connects every container to the rest of its planned
/// networks, at its pinned address, before anything starts; what is already attached is left alone (Compose v2).
/// </summary>
internal static class ComposeNetworkAttachment
{
    public static async Task ConnectAllAsync(ComposeProjectResource project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var plan = project.Plan;
        var networks = plan.Networks.ToDictionary(n => n.Role, n => n.Name, StringComparer.Ordinal);
        var services = plan.Sidecars.Select(s => (Service: s.Role, s.Addresses)).Append((Service: ComposeServiceNames.Agent, plan.Agent.Addresses))
            .Select(s => (Container: ComposeServiceNames.ContainerName(plan.ComposeProject, s.Service), s.Addresses))
            .ToList();

        // One inspect for every container (one line each: name, then its networks), then every missing connect at once.
        var containers = services.Select(s => s.Container).ToList();
        var attached = (await DockerCli.RunAsync(
                ["inspect", "--format", "{{.Name}}{{range $name, $_ := .NetworkSettings.Networks}} {{$name}}{{end}}", .. containers], cancellationToken))
            .EnsureSuccess($"docker inspect {string.Join(' ', containers)}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(fields => fields[0].TrimStart('/'), fields => fields.Skip(1).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var missing = services.SelectMany(s => s.Addresses
            .Where(a => !attached.TryGetValue(s.Container, out var on) || !on.Contains(networks[a.Network]))
            .Select(a => (s.Container, Network: networks[a.Network], a.Address)));
        await Task.WhenAll(missing.Select(async m =>
            (await DockerCli.RunAsync(["network", "connect", "--ip", m.Address, m.Network, m.Container], cancellationToken))
                .EnsureSuccess($"docker network connect --ip {m.Address} {m.Network} {m.Container}")));
    }
}

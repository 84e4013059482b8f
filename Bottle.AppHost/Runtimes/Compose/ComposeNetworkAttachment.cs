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
        var services = plan.Sidecars.Select(s => (Service: s.Role, s.Addresses)).Append((Service: ComposeServiceNames.Agent, plan.Agent.Addresses));
        foreach (var (service, addresses) in services)
        {
            var container = ComposeServiceNames.ContainerName(plan.ComposeProject, service);
            var attached = (await DockerCli.RunAsync(["inspect", "--format", "{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}\n{{end}}", container], cancellationToken))
                .EnsureSuccess($"docker inspect {container}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var address in addresses.Where(a => !attached.Contains(networks[a.Network], StringComparer.Ordinal)))
            {
                (await DockerCli.RunAsync(["network", "connect", "--ip", address.Address, networks[address.Network], container], cancellationToken))
                    .EnsureSuccess($"docker network connect --ip {address.Address} {networks[address.Network]} {container}");
            }
        }
    }
}

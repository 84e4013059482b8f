using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Bottles;

/// <summary>Turns a <see cref="BottlePlan"/> into resources: the Compose project, its networks, the sidecars and the agent.</summary>
public static class BottleBuilderExtensions
{
    /// <summary>The resource names of a bottle's networks, by network role.</summary>
    public static string NetworkResourceName(string role) => $"network-{role}";

    /// <summary>
    /// Adds the bottle of <paramref name="plan"/> (Docker runtime): a <see cref="ComposeProjectResource"/> that
    /// writes the state into <paramref name="stateDirectory"/>; the networks once it has; the sidecars once the
    /// networks exist, healthy when Docker says so; the agent once every sidecar is healthy.
    /// </summary>
    public static IResourceBuilder<ComposeProjectResource> AddBottle(this BottleApplicationBuilder builder, BottlePlan plan, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IResourceRunner, ComposeProjectRunner>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IResourceRunner, BottleNetworkRunner>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IResourceRunner, ComposeServiceRunner>());

        // Health changes arrive as Docker events (ContainerRun), checked at once; the poll is only a backstop, and
        // each poll is a 'docker inspect' per sidecar, so a short one costs CPU for the bottle's whole life.
        builder.Services.Configure<BottleHostingOptions>(o => o.HealthCheckInterval = TimeSpan.FromSeconds(2));

        var project = builder.AddResource(new ComposeProjectResource(plan.ComposeProject, plan, stateDirectory));
        var networks = plan.Networks
            .Select(n => builder.AddResource(new BottleNetworkResource(NetworkResourceName(n.Role), n, project.Resource))
                .WaitFor(project)
                .WithParentRelationship(project))
            .ToList();

        var sidecars = new List<IResourceBuilder<SidecarResource>>();
        foreach (var plannedSidecar in plan.Sidecars)
        {
            var sidecar = builder.AddResource(new SidecarResource(plannedSidecar.Role, plannedSidecar, project.Resource))
                .WithParentRelationship(project)
                .WithAnnotation(new ContainerImageAnnotation { Image = plannedSidecar.Image });
            foreach (var network in networks.Where(n => plannedSidecar.Addresses.Any(a => a.Network == n.Resource.Network.Role)))
            {
                sidecar.WaitFor(network);
            }

            var healthKey = $"{plannedSidecar.Role}-docker-health";
            var container = ((IComposeServiceResource)sidecar.Resource).ContainerName;
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new DockerContainerHealthCheck(container), HealthStatus.Unhealthy, []));
            sidecars.Add(sidecar.WithHealthCheck(healthKey));
        }

        var agent = builder.AddResource(new AgentContainerResource(ComposeServiceNames.Agent, plan.Agent, project.Resource))
            .WithParentRelationship(project)
            .WithAnnotation(new ContainerImageAnnotation { Image = plan.Agent.Image });
        foreach (var network in networks.Where(n => plan.Agent.Addresses.Any(a => a.Network == n.Resource.Network.Role)))
        {
            agent.WaitFor(network);
        }

        foreach (var sidecar in sidecars)
        {
            agent.WaitFor(sidecar);
        }

        return project;
    }
}

using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs <see cref="BottleNetworkResource"/>s: creates the network. Stopping one only ends the run: the network
/// is removed by the project's teardown, after the containers on it are gone (Docker refuses earlier).
/// </summary>
internal sealed class BottleNetworkRunner : IResourceRunner
{
    public string ResourceType => "Network";

    public bool CanRun(IResource resource) => resource is BottleNetworkResource;

    public async Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = (BottleNetworkResource)context.Resource;
        var network = resource.Network;
        await BottleNetworks.CreateAsync(network, resource.Project.Plan.Labels, resource.Project.StateDirectory, cancellationToken);
        return new StoppableRun(
            _ => Task.CompletedTask,
            [
                new("network.name", network.Name),
                new("network.subnet", network.Subnet),
                new("network.internal", network.Internal ? "true" : "false"),
            ]);
    }
}

using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs the containers of a bottle (<see cref="SidecarResource"/>, <see cref="AgentContainerResource"/>):
/// <c>compose up -d --no-deps &lt;service&gt;</c>, then follows the service's log into the resource's log
/// and waits for the container to end (<c>docker wait</c>), so the snapshot ends when the container does.
/// </summary>
internal sealed class ComposeServiceRunner(ResourceLoggerService logs, IOptions<Hosting.BottleHostingOptions> options) : IResourceRunner
{
    public string ResourceType => "Container";

    public bool CanRun(IResource resource) => resource is IComposeServiceResource;

    public async Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = (IComposeServiceResource)context.Resource;
        var compose = service.Project.Compose;
        (await compose.RunAsync(["up", "--detach", "--no-deps", service.ServiceName], cancellationToken))
            .EnsureSuccess($"compose up of service '{service.ServiceName}' in {compose.ProjectName}");

        var follower = await compose.StartAsync(["logs", "--follow", "--timestamps", "--no-color", "--no-log-prefix", service.ServiceName]);
        var waiter = DockerCli.Start(DockerCli.Docker, ["wait", service.ContainerName], redirectStdin: true);
        return new ContainerRun(service, compose, follower, waiter, logs, options.Value.StopGracePeriod);
    }
}

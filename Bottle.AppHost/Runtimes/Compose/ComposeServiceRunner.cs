using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs the containers of a bottle (<see cref="SidecarResource"/>, <see cref="AgentContainerResource"/>).
/// Compose creates them all at once (<c>compose up --no-start</c>, by the first service to start); each
/// resource then starts its own container with <c>docker start</c>, follows its log into the resource's log
/// and waits for it to end (<c>docker wait</c>), so the snapshot ends when the container does. The Docker
/// client is used for the per-container steps because each Compose v1 call costs a Python start (~0.7 s
/// of a core), which on a small machine made up and down several times slower than Compose itself.
/// </summary>
internal sealed class ComposeServiceRunner(ResourceLoggerService logs, IOptions<Hosting.BottleHostingOptions> options) : IResourceRunner, IDisposable
{
    private readonly SemaphoreSlim _create = new(1, 1);

    public string ResourceType => "Container";

    public bool CanRun(IResource resource) => resource is IComposeServiceResource;

    public async Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = (IComposeServiceResource)context.Resource;
        var compose = service.Project.Compose;
        var started = await DockerCli.RunAsync(["start", service.ContainerName], cancellationToken);
        if (!started.Succeeded)
        {
            await CreateContainersAsync(compose, service, cancellationToken);
            (await DockerCli.RunAsync(["start", service.ContainerName], cancellationToken))
                .EnsureSuccess($"docker start of service '{service.ServiceName}' in {compose.ProjectName}");
        }

        var follower = DockerCli.Start(DockerCli.Docker, ["logs", "--follow", "--timestamps", service.ContainerName], redirectStdin: true);
        var waiter = DockerCli.Start(DockerCli.Docker, ["wait", service.ContainerName], redirectStdin: true);
        return new ContainerRun(service, compose, follower, waiter, logs, options.Value.StopGracePeriod);
    }

    public void Dispose() => _create.Dispose();

    // One create for the whole project: concurrent Compose runs on one project race each other.
    private async Task CreateContainersAsync(ComposeCli compose, IComposeServiceResource service, CancellationToken cancellationToken)
    {
        await _create.WaitAsync(cancellationToken);
        try
        {
            var exists = await DockerCli.RunAsync(["container", "inspect", "--format", "{{.Id}}", service.ContainerName], cancellationToken);
            if (!exists.Succeeded)
            {
                (await compose.RunAsync(["up", "--no-start"], cancellationToken))
                    .EnsureSuccess($"compose up --no-start of {compose.ProjectName}");
                await ComposeNetworkAttachment.ConnectAllAsync(service.Project, cancellationToken);
            }
        }
        finally
        {
            _create.Release();
        }
    }
}

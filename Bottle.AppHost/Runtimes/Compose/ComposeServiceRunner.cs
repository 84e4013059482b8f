using System.Globalization;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs the containers of a bottle (<see cref="SidecarResource"/>, <see cref="AgentContainerResource"/>).
/// Compose creates them all at once (<c>compose up --no-start</c>, by the first service to start); each
/// resource then starts its own container with <c>docker start</c>, follows its log into the resource's log
/// and waits for it to end (<c>docker wait</c>), so the snapshot ends when the container does; a container with a
/// health check also has its health events watched (<c>docker events</c>), so it shows healthy as soon as Docker
/// says so rather than at the next health poll. The Docker
/// client is used for the per-container steps because each Compose v1 call costs a Python start (~0.7 s
/// of a core), which on a small machine made up and down several times slower than Compose itself.
/// </summary>
internal sealed class ComposeServiceRunner(ResourceLoggerService logs, IOptions<Hosting.BottleHostingOptions> options) : IResourceRunner, IDisposable
{
    private readonly SemaphoreSlim _create = new(1, 1);
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    public string ResourceType => "Container";

    public bool CanRun(IResource resource) => resource is IComposeServiceResource;

    public async Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = (IComposeServiceResource)context.Resource;
        var compose = service.Project.Compose;
        await EnsureCreatedAsync(service.Project, recreate: false, cancellationToken);

        // Health events from a moment before the start on (the engine replays them), so none is missed while the
        // watcher starts up; an extra one only costs an extra check.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var started = await DockerCli.RunAsync(["start", service.ContainerName], cancellationToken);
        if (!started.Succeeded)
        {
            // Removed behind this process's back (e.g. 'bottle down' from another shell before a restart): create again.
            await EnsureCreatedAsync(service.Project, recreate: true, cancellationToken);
            (await DockerCli.RunAsync(["start", service.ContainerName], cancellationToken))
                .EnsureSuccess($"docker start of service '{service.ServiceName}' in {compose.ProjectName}");
        }

        var follower = DockerCli.Start(DockerCli.Docker, ["logs", "--follow", "--timestamps", service.ContainerName], redirectStdin: true);
        var waiter = DockerCli.Start(DockerCli.Docker, ["wait", service.ContainerName], redirectStdin: true);
        // 'destroy' too, though only health events count: after a SIGKILL of this process the watcher outlives it,
        // and nothing else ends it. The removal's event is then written to the dead reader's pipe, which ends it.
        var events = service.Annotations.OfType<HealthCheckAnnotation>().Any()
            ? DockerCli.Start(
                DockerCli.Docker,
                ["events", "--since", since, "--filter", $"container={service.ContainerName}", "--filter", "event=health_status", "--filter", "event=destroy",
                 "--format", "{{.Status}}"],
                redirectStdin: true)
            : null;
        return new ContainerRun(service, compose, follower, waiter, events, logs, options.Value.StopGracePeriod);
    }

    public void Dispose() => _create.Dispose();

    // One create for the whole project, once per process: concurrent Compose runs on one project race each other,
    // and every Compose call is a Python start.
    private async Task EnsureCreatedAsync(ComposeProjectResource project, bool recreate, CancellationToken cancellationToken)
    {
        await _create.WaitAsync(cancellationToken);
        try
        {
            if (recreate)
            {
                _created.Remove(project.Name);
            }

            if (_created.Contains(project.Name))
            {
                return;
            }

            (await project.Compose.RunAsync(["up", "--no-start"], cancellationToken))
                .EnsureSuccess($"compose up --no-start of {project.Compose.ProjectName}");
            await ComposeNetworkAttachment.ConnectAllAsync(project, cancellationToken);
            _created.Add(project.Name);
        }
        finally
        {
            _create.Release();
        }
    }
}

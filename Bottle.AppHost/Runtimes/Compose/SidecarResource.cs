using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>One sidecar container of a bottle (pipelock, egress or git-gate); healthy when Docker's healthcheck says so.</summary>
/// <param name="name">The resource name.</param>
/// <param name="sidecar">The sidecar's plan.</param>
/// <param name="project">The bottle's Compose project.</param>
public sealed class SidecarResource(string name, SidecarPlan sidecar, ComposeProjectResource project) : Resource(name), IComposeServiceResource
{
    /// <summary>The sidecar's plan.</summary>
    public SidecarPlan Sidecar { get; } = sidecar ?? throw new ArgumentNullException(nameof(sidecar));

    /// <inheritdoc />
    public ComposeProjectResource Project { get; } = project ?? throw new ArgumentNullException(nameof(project));

    /// <inheritdoc />
    public string ServiceName => Sidecar.Role;

    /// <inheritdoc />
    public IResource Parent => Project;
}

using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>A container that is one service of a bottle's Compose project.</summary>
public interface IComposeServiceResource : IResourceWithParent, IResourceWithWaitSupport
{
    /// <summary>The project the service belongs to.</summary>
    ComposeProjectResource Project { get; }

    /// <summary>The Compose service name.</summary>
    string ServiceName { get; }

    /// <summary>The pinned container name.</summary>
    string ContainerName => ComposeServiceNames.ContainerName(Project.Plan.ComposeProject, ServiceName);
}

using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// Starts resources of one kind (executables, containers, networks, microVMs). Register implementations with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IResourceRunner, MyRunner&gt;())</c>; the
/// orchestrator picks the last registered runner whose <see cref="CanRun"/> accepts a resource, so a runtime
/// can take over a resource kind. Resources no runner accepts are left to whoever publishes their snapshots.
/// </summary>
public interface IResourceRunner
{
    /// <summary>The resource type shown in snapshots, e.g. <c>Executable</c> or <c>Container</c>.</summary>
    string ResourceType { get; }

    /// <summary>True when this runner knows how to start <paramref name="resource"/>.</summary>
    bool CanRun(IResource resource);

    /// <summary>
    /// Starts one run of the resource and returns once it is alive. Throw (with a message naming the cause)
    /// when it cannot start: the orchestrator marks the resource <c>FailedToStart</c> with that message.
    /// Write the resource's output to <c>ResourceLoggerService</c>.
    /// </summary>
    Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken);
}

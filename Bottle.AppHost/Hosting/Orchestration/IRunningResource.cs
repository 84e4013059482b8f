using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>One run of a resource, as returned by <see cref="IResourceRunner.StartAsync"/>.</summary>
public interface IRunningResource : IAsyncDisposable
{
    /// <summary>Completes when the run ends, with its exit code (null when the runtime has none).</summary>
    Task<int?> Completion { get; }

    /// <summary>Details of the run for the snapshot, e.g. the process id.</summary>
    IReadOnlyList<ResourcePropertySnapshot> Properties { get; }

    /// <summary>
    /// Asks the run to end gracefully, forces it after the grace period, and returns once it has ended.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken);
}

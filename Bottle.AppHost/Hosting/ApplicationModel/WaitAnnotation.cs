namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>Holds a resource in <c>Waiting</c> until <paramref name="resource"/> is healthy or has completed.</summary>
/// <param name="resource">The dependency waited on.</param>
/// <param name="waitType">Healthy, or completed.</param>
/// <param name="exitCode">For <see cref="WaitType.WaitForCompletion"/>: the exit code that counts as success.</param>
public sealed class WaitAnnotation(IResource resource, WaitType waitType, int exitCode = 0) : IResourceAnnotation
{
    /// <summary>The dependency waited on.</summary>
    public IResource Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    /// <summary>Healthy, or completed.</summary>
    public WaitType WaitType { get; } = waitType;

    /// <summary>The exit code that counts as a successful completion.</summary>
    public int ExitCode { get; } = exitCode;
}

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// A run that can tell when its health may have changed (e.g. from the runtime's own events), so the health
/// monitor checks at once instead of at its next tick. The periodic checks go on as a backstop.
/// </summary>
public interface IHealthChangeSource
{
    /// <summary>
    /// Completes when the run's health may have changed since the last call. Throws (anything but a cancellation)
    /// when the source has ended; the monitor then relies on its periodic checks alone.
    /// </summary>
    Task WaitForHealthChangeAsync(CancellationToken cancellationToken);
}

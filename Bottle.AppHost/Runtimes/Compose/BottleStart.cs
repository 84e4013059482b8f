namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>How a launch by <see cref="BottleStarter"/> went.</summary>
/// <param name="Session">The running session, or null when the launch stopped before anything was started (nothing to tear down).</param>
/// <param name="Failure">Why the bottle is not up, or null when every sidecar is healthy and the agent runs.</param>
public sealed record BottleStart(ComposeBottleSession? Session, string? Failure)
{
    /// <summary>True when the bottle is up.</summary>
    public bool IsUp => Session is not null && Failure is null;
}

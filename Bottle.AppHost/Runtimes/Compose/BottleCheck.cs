namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>One check of a bottle run (a sidecar healthy, the agent running, the command's exit code): one JUnit test case.</summary>
/// <param name="Name">What was checked, e.g. <c>sidecar pipelock healthy</c>.</param>
/// <param name="Duration">How long it took (zero for a state read at one moment).</param>
/// <param name="Failure">Why it failed, or null when it passed.</param>
public sealed record BottleCheck(string Name, TimeSpan Duration, string? Failure)
{
    /// <summary>True when the check passed.</summary>
    public bool Passed => Failure is null;
}

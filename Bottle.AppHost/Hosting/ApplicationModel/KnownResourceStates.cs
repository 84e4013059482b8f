namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The state texts a snapshot can carry (Aspire's names).</summary>
public static class KnownResourceStates
{
    /// <summary>Known to the model, not started yet.</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Held back until the resources it waits for are ready.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Being started by its runner.</summary>
    public const string Starting = "Starting";

    /// <summary>Started and alive.</summary>
    public const string Running = "Running";

    /// <summary>Alive, but a health check reports it unhealthy.</summary>
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";

    /// <summary>Being stopped.</summary>
    public const string Stopping = "Stopping";

    /// <summary>Ended with a non-zero exit code, or was stopped.</summary>
    public const string Exited = "Exited";

    /// <summary>Ran to completion with exit code 0.</summary>
    public const string Finished = "Finished";

    /// <summary>Could not be started (its runner failed, or a dependency failed); the reason is in the properties.</summary>
    public const string FailedToStart = "FailedToStart";

    /// <summary>Not shown in the UI.</summary>
    public const string Hidden = "Hidden";

    /// <summary>States after which nothing happens unless a command starts the resource again.</summary>
    public static IReadOnlyList<string> TerminalStates { get; } = [Exited, Finished, FailedToStart];

    /// <summary>True for <see cref="TerminalStates"/>.</summary>
    public static bool IsTerminal(string? state) =>
        state is Exited or Finished or FailedToStart;

    /// <summary>True while the resource's process or container is alive.</summary>
    public static bool IsRunning(string? state) => state is Running or RuntimeUnhealthy;
}

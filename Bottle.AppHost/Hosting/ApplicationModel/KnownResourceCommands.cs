namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>Names of the lifecycle commands the orchestrator adds to every resource it runs (Aspire's names).</summary>
public static class KnownResourceCommands
{
    /// <summary>Starts a resource that is not running.</summary>
    public const string StartCommand = "resource-start";

    /// <summary>Stops a running resource (SIGTERM, then kill after the grace period).</summary>
    public const string StopCommand = "resource-stop";

    /// <summary>Stops the resource if it runs, then starts it.</summary>
    public const string RestartCommand = "resource-restart";
}

using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>The orchestrator's structured log messages.</summary>
internal static partial class OrchestratorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceName} is {State}")]
    public static partial void StateChanged(ILogger logger, string resourceName, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource {ResourceName} failed to start: {Reason}")]
    public static partial void FailedToStart(ILogger logger, string resourceName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {EventName} handler for resource {ResourceName} failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception, string eventName, string resourceName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {CommandName} on resource {ResourceName} failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string commandName, string resourceName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting resource {ResourceName} failed unexpectedly")]
    public static partial void StartCrashed(ILogger logger, Exception exception, string resourceName);
}

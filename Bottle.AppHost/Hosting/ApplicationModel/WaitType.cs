namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>What a <see cref="WaitAnnotation"/> waits for.</summary>
public enum WaitType
{
    /// <summary>The dependency is running and every one of its health checks reports healthy.</summary>
    WaitUntilHealthy,

    /// <summary>The dependency ran to completion with the expected exit code.</summary>
    WaitForCompletion,
}

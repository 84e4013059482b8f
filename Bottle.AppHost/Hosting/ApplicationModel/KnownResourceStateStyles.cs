namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>How a state is coloured in the views (Aspire's style names).</summary>
public static class KnownResourceStateStyles
{
    /// <summary>Good: running and healthy, finished.</summary>
    public const string Success = "success";

    /// <summary>Neutral: waiting, starting, stopping.</summary>
    public const string Info = "info";

    /// <summary>Attention: unhealthy, exited non-zero.</summary>
    public const string Warn = "warn";

    /// <summary>Failure: failed to start.</summary>
    public const string Error = "error";

    /// <summary>The style the hosting layer uses for a state text.</summary>
    public static string? ForState(string? state) => state switch
    {
        KnownResourceStates.Running or KnownResourceStates.Finished => Success,
        KnownResourceStates.Waiting or KnownResourceStates.Starting or KnownResourceStates.Stopping => Info,
        KnownResourceStates.RuntimeUnhealthy or KnownResourceStates.Exited => Warn,
        KnownResourceStates.FailedToStart => Error,
        _ => null,
    };
}

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>Whether a command can be run right now.</summary>
public enum ResourceCommandState
{
    /// <summary>Shown and runnable.</summary>
    Enabled,

    /// <summary>Shown but not runnable in the current state (e.g. "stop" on a stopped resource).</summary>
    Disabled,

    /// <summary>Not shown.</summary>
    Hidden,
}

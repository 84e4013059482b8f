namespace Bottle.AppHost.Cli;

/// <summary>The process exit codes of <c>bottle</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Something failed while running (Docker, a sidecar, a verb that is not built yet).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>The command line or the manifest is wrong; nothing was done.</summary>
    public const int UsageError = 2;
}

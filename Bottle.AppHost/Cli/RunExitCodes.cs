namespace Bottle.AppHost.Cli;

/// <summary>
/// The exit codes of <c>bottle run</c> when the bottle, not the command, is why it ended. Otherwise <c>run</c>
/// exits with the command's own code (and <see cref="ExitCodes.UsageError"/> for a bad command line or manifest).
/// Picked from the BSD <c>sysexits</c> range, away from what build and test tools exit with (1, 2, 3, 125–127, 128+N).
/// </summary>
public static class RunExitCodes
{
    /// <summary>The bottle did not come up (an image missing, a credential unreadable, a sidecar unhealthy, the agent not running); the command never ran.</summary>
    public const int BottleFailedToStart = 70;

    /// <summary>The command ran longer than <c>--timeout</c> and was stopped.</summary>
    public const int Timeout = 71;

    /// <summary>The command ended but the bottle could not be torn down completely (containers or networks may be left: <c>bottle prune</c>).</summary>
    public const int TeardownFailed = 72;

    /// <summary>The artifacts could not be saved into <c>--artifacts</c> (only when the command itself succeeded: a failing command's code wins).</summary>
    public const int ArtifactsFailed = 73;

    /// <summary>Ctrl-C or SIGTERM stopped the run (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

namespace Bottle.Agent.Shim;

/// <summary>
/// The shim's own exit codes, chosen like <c>docker run</c>'s so scripts and CI can tell a bottle failure
/// from the command's own exit code. Anything else is the command's code, or 128 + N when a signal N ended it.
/// </summary>
public static class ShimExitCodes
{
    /// <summary>The shim itself failed (bad arguments, missing CA, inconsistent proxy, clone failed); the command never ran.</summary>
    public const int ShimFailed = 125;

    /// <summary>The command exists but cannot be executed (permission denied, not an executable).</summary>
    public const int NotExecutable = 126;

    /// <summary>The command was not found on <c>PATH</c>.</summary>
    public const int NotFound = 127;

    /// <summary>The base of a signalled child's exit code: 128 + the signal number, like a shell reports it.</summary>
    public const int SignalBase = 128;
}

namespace Bottle.Agent.Shim;

/// <summary>
/// A failure of the shim before or while starting the command. Its message is shown to the user as is
/// (<c>bottle-agent: &lt;message&gt;</c>), so it names the thing that is wrong and where it came from.
/// </summary>
public sealed class ShimFailureException : Exception
{
    /// <summary>Creates a failure that exits with <see cref="ShimExitCodes.ShimFailed"/>.</summary>
    public ShimFailureException()
        : this("the shim failed")
    {
    }

    /// <summary>Creates a failure that exits with <see cref="ShimExitCodes.ShimFailed"/>.</summary>
    public ShimFailureException(string message)
        : this(message, ShimExitCodes.ShimFailed)
    {
    }

    /// <summary>Creates a failure that exits with <see cref="ShimExitCodes.ShimFailed"/>.</summary>
    public ShimFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ShimExitCodes.ShimFailed;
    }

    /// <summary>Creates a failure with its own exit code (126 or 127 for a command that cannot run).</summary>
    public ShimFailureException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the shim returns for this failure.</summary>
    public int ExitCode { get; }
}

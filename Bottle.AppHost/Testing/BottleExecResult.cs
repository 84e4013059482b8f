namespace Bottle.AppHost.Testing;

/// <summary>What a command run in a bottle's agent returned and printed.</summary>
/// <param name="ExitCode">The command's exit code (125: the shim failed; 126/127: not executable/not found; 128+N: signal N).</param>
/// <param name="StdOut">Everything it wrote to standard output.</param>
/// <param name="StdErr">Everything it wrote to standard error.</param>
public sealed record BottleExecResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

namespace Bottle.Sidecars.GitGate.Git;

/// <summary>The outcome of one finished git command.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">What it wrote to stdout.</param>
/// <param name="StandardError">What it wrote to stderr (trimmed).</param>
internal sealed record GitResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

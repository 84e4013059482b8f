namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>What a finished <c>docker</c> command printed and returned.</summary>
internal sealed record DockerCommandResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with the command's output unless it exited 0; returns trimmed stdout.</summary>
    public string EnsureSuccess(string what) =>
        ExitCode == 0
            ? StdOut.Trim()
            : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{StdErr}{StdOut}");
}

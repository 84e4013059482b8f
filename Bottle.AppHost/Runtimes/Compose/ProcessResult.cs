namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>What a finished <c>docker</c> or Compose command printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StdOut">Everything on standard output.</param>
/// <param name="StdErr">Everything on standard error.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns trimmed stdout when the command exited 0; otherwise throws naming <paramref name="what"/> and the output.</summary>
    public string EnsureSuccess(string what) =>
        Succeeded
            ? StdOut.Trim()
            : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}: {(StdErr + StdOut).Trim()}");
}

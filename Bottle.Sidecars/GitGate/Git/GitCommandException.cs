namespace Bottle.Sidecars.GitGate.Git;

/// <summary>A git command git-gate depends on failed; the message names the command and carries git's stderr.</summary>
public sealed class GitCommandException : Exception
{
    public GitCommandException()
    {
    }

    public GitCommandException(string message)
        : base(message)
    {
    }

    public GitCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

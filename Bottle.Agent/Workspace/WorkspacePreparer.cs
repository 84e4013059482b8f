using Bottle.Agent.Processes;
using Bottle.Agent.Shim;

namespace Bottle.Agent.Workspace;

/// <summary>
/// Makes the workspace ready and returns the directory the command runs in. <see cref="WorkspaceMode.Mount"/>:
/// the host directory must be there (a missing bind mount is an error, not an empty folder to work in).
/// <see cref="WorkspaceMode.Clone"/>: an empty workdir gets a clone from git-gate (the host repository is never
/// mounted, so it cannot be touched); a workdir that is already a clone is reused, so every <c>docker exec</c>
/// after the first finds the agent's work as it left it.
/// </summary>
public sealed class WorkspacePreparer(TimeProvider timeProvider)
{
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a second exec waits for a first one that is still cloning.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Prepares the workspace and returns the command's working directory.</summary>
    /// <param name="mode">The workspace mode.</param>
    /// <param name="workdir">The workspace directory; null means the current directory.</param>
    /// <param name="cloneUrl">git-gate's URL of the repository (clone mode).</param>
    /// <param name="environment">The child's environment; git runs with it (proxy, rewrites, CA).</param>
    /// <param name="lockFile">The file that serialises concurrent clones (outside the workdir, which must stay empty for git).</param>
    /// <param name="cancellationToken">Cancels the clone.</param>
    /// <exception cref="ShimFailureException">The mount is missing, the clone URL is bad, the workdir holds something else, or the clone failed.</exception>
    public async Task<string> PrepareAsync(
        WorkspaceMode mode,
        string? workdir,
        string? cloneUrl,
        IDictionary<string, string> environment,
        string lockFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(lockFile);
        var directory = Path.GetFullPath(workdir ?? Directory.GetCurrentDirectory());
        switch (mode)
        {
            case WorkspaceMode.None:
                return Directory.Exists(directory)
                    ? directory
                    : throw new ShimFailureException($"workdir '{directory}' does not exist");
            case WorkspaceMode.Mount:
                return Directory.Exists(directory)
                    ? directory
                    : throw new ShimFailureException(
                        $"workspace mode mount: '{directory}' does not exist; the host directory should be bind-mounted there (check the manifest's agent.workspace.path)");
            case WorkspaceMode.Clone:
                var url = ParseCloneUrl(cloneUrl);
                await using (await AcquireLockAsync(lockFile, cancellationToken))
                {
                    await CloneIfEmptyAsync(url, directory, environment, cancellationToken);
                }

                return directory;
            default:
                throw new ShimFailureException($"unknown workspace mode {mode}");
        }
    }

    private static Uri ParseCloneUrl(string? cloneUrl) =>
        cloneUrl is null
            ? throw new ShimFailureException("workspace mode clone needs the repository's git-gate URL (--clone-url or BOTTLE_CLONE_URL)")
            : Uri.TryCreate(cloneUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? url
                // Only git-gate's http URL: a local path or file:// would read the host repository, which clone mode must not touch.
                : throw new ShimFailureException($"clone URL '{cloneUrl}' is not an http(s) URL; workspace mode clone clones from git-gate only");

    private static async Task CloneIfEmptyAsync(Uri url, string directory, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(directory, ".git")))
        {
            return; // cloned by an earlier exec: keep the agent's work
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new ShimFailureException(
                $"workspace mode clone: '{directory}' is neither empty nor a git repository; refusing to clone over its files");
        }

        var clone = await CapturedProcess.RunAsync("git", ["clone", "--quiet", "--", url.OriginalString, directory], environment, cancellationToken);
        if (clone.ExitCode != 0)
        {
            throw new ShimFailureException($"git clone of '{url.OriginalString}' into '{directory}' failed ({clone.ExitCode}): {clone.StdErr.Trim()}");
        }
    }

    private async Task<FileStream> AcquireLockAsync(string lockFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockFile))!);
        var deadline = timeProvider.GetUtcNow() + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix: a second shim in the same container waits here.
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (timeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(LockPollInterval, timeProvider, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new ShimFailureException($"another bottle-agent has held the workspace lock '{lockFile}' for {LockTimeout.TotalSeconds:F0} s", ex);
            }
        }
    }
}

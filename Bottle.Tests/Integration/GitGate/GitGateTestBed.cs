using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Scanning;
using Microsoft.Extensions.Logging;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>
/// Real git on both sides, on loopback: bare "upstream" repositories in a temp directory, a git-gate server in
/// front of them, and working clones for the agent and for "someone else" who pushes upstream directly.
/// </summary>
internal sealed class GitGateTestBed : IAsyncDisposable
{
    private static readonly KeyValuePair<string, string>[] Identity =
    [
        new("GIT_AUTHOR_NAME", "Agent"), new("GIT_AUTHOR_EMAIL", "agent@bottle.test"),
        new("GIT_COMMITTER_NAME", "Agent"), new("GIT_COMMITTER_EMAIL", "agent@bottle.test"),
    ];

    private readonly GitRunner git = new("git");

    public GitGateTestBed()
    {
        Root = Directory.CreateTempSubdirectory("gitgate-test-").FullName;
    }

    public string Root { get; }

    public string StateDirectory => Path.Combine(Root, "state");

    public GitGateServer Server { get; private set; } = null!;

    /// <summary>A bare upstream with one commit on main.</summary>
    public async Task<string> CreateUpstreamAsync(string name)
    {
        var path = Path.Combine(Root, name + "-upstream.git");
        await GitOkAsync(Root, "init", "--bare", "--quiet", "--initial-branch=main", path);
        var seed = Path.Combine(Root, name + "-seed");
        await GitOkAsync(Root, "clone", "--quiet", path, seed);
        await CommitFileAsync(seed, "README.md", "# project\n", "initial commit");
        await GitOkAsync(seed, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        return path;
    }

    /// <summary>Starts git-gate over <paramref name="remotes"/> with the bed's state dir.</summary>
    public async Task<GitGateServer> StartAsync(IReadOnlyList<GitGateRemoteOptions> remotes, Func<GitGateOptions, GitGateOptions>? adjust = null, ISecretScanner? scanner = null)
    {
        var options = new GitGateOptions { StateDirectory = StateDirectory, Remotes = remotes };
        Server = await GitGateServer.StartAsync(
            adjust is null ? options : adjust(options),
            scanner,
            configure: b => b.Logging.ClearProviders());
        return Server;
    }

    /// <summary>Clones <paramref name="remote"/> through git-gate into a new working directory.</summary>
    public async Task<string> CloneThroughGateAsync(string remote, string directoryName = "agent")
    {
        var path = Path.Combine(Root, directoryName);
        await GitOkAsync(Root, "clone", "--quiet", Server.RemoteUrl(remote).ToString(), path);
        return path;
    }

    /// <summary>Clones a path or URL directly (bypassing git-gate).</summary>
    public async Task<string> CloneDirectAsync(string source, string directoryName)
    {
        var path = Path.Combine(Root, directoryName);
        await GitOkAsync(Root, "clone", "--quiet", source, path);
        return path;
    }

    public async Task<string> CommitFileAsync(string repo, string file, string content, string message)
    {
        var full = Path.Combine(repo, file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content);
        await GitOkAsync(repo, "add", "-A");
        await GitOkAsync(repo, "commit", "--quiet", "-m", message);
        return (await GitOkAsync(repo, "rev-parse", "HEAD")).Trim();
    }

    public Task<GitResult> GitAsync(string directory, params string[] arguments) =>
        git.RunAsync(directory, arguments, CancellationToken.None, Identity);

    public async Task<string> GitOkAsync(string directory, params string[] arguments)
    {
        var result = await GitAsync(directory, arguments);
        Assert.AreEqual(0, result.ExitCode, $"git {string.Join(' ', arguments)} failed: {result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>The id a ref has in a (bare) repository, or null when it does not exist.</summary>
    public async Task<string?> RefAsync(string repository, string refName)
    {
        var result = await GitAsync(repository, "rev-parse", "--verify", "--quiet", refName);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    public string MirrorOf(string remote) => Path.Combine(StateDirectory, "mirrors", remote + ".git");

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind does not change any test's outcome.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: git writes read-only object files; leave them to the OS temp cleaner.
        }
    }
}

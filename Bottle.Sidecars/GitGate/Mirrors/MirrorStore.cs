using Bottle.Sidecars.GitGate.Git;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate.Mirrors;

/// <summary>
/// The bare mirror of each remote under <c>state/mirrors/{name}.git</c>: filled from the real remote at start,
/// refreshed before each fetch, and the repository the agent's pushes land in (through the pre-receive gate).
/// One lock per remote serialises pushes and refreshes so a refresh never races a push's ref update.
/// </summary>
internal sealed class MirrorStore : IDisposable
{
    private readonly GitGateOptions options;
    private readonly GitRunner git;
    private readonly ILogger<MirrorStore> logger;
    private readonly Dictionary<string, SemaphoreSlim> locks;
    private readonly Dictionary<string, string?> errors;

    public MirrorStore(GitGateOptions options, GitRunner git, ILogger<MirrorStore> logger)
    {
        this.options = options;
        this.git = git;
        this.logger = logger;
        locks = options.Remotes.ToDictionary(r => r.Name, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
        errors = options.Remotes.ToDictionary(r => r.Name, _ => (string?)"not initialised yet", StringComparer.Ordinal);
    }

    /// <summary>The directory holding all mirrors.</summary>
    public string MirrorsDirectory => Path.Combine(options.StateDirectory, "mirrors");

    /// <summary>The bare mirror directory of <paramref name="remote"/>.</summary>
    public string PathOf(GitGateRemoteOptions remote) => Path.Combine(MirrorsDirectory, remote.Name + ".git");

    /// <summary>Why each remote's mirror is not usable (null when it is ready).</summary>
    public IReadOnlyDictionary<string, string?> Errors
    {
        get
        {
            lock (errors)
            {
                return new Dictionary<string, string?>(errors, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>True when the mirror of <paramref name="remote"/> was filled and can serve.</summary>
    public bool IsReady(GitGateRemoteOptions remote)
    {
        lock (errors)
        {
            return errors[remote.Name] is null;
        }
    }

    /// <summary>Takes the remote's lock; dispose the result to release it.</summary>
    public async Task<IDisposable> LockAsync(GitGateRemoteOptions remote, CancellationToken cancellationToken)
    {
        var gate = locks[remote.Name];
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>Creates or refreshes every mirror; a remote that fails stays unusable (requests get 503) and is logged.</summary>
    public async Task InitialiseAllAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.StateDirectory);
        Directory.CreateDirectory(MirrorsDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var remote in options.Remotes)
        {
            await TryInitialiseAsync(remote, cancellationToken);
        }
    }

    /// <summary>Tries again for every remote whose mirror is not ready; returns how many are still not ready.</summary>
    public async Task<int> InitialiseFailedAsync(CancellationToken cancellationToken)
    {
        var stillBroken = 0;
        foreach (var remote in options.Remotes.Where(r => !IsReady(r)))
        {
            stillBroken += await TryInitialiseAsync(remote, cancellationToken) ? 0 : 1;
        }

        return stillBroken;
    }

    private async Task<bool> TryInitialiseAsync(GitGateRemoteOptions remote, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(remote, cancellationToken);
        try
        {
            await InitialiseAsync(remote, cancellationToken);
            SetError(remote, null);
            GitGateLog.MirrorReady(logger, remote.Name);
            return true;
        }
        catch (GitCommandException ex)
        {
            SetError(remote, ex.Message);
            GitGateLog.MirrorFailed(logger, remote.Name, ex.Message);
            return false;
        }
    }

    /// <summary>Fetches the real remote into the mirror (<c>fetch --prune</c>); the caller holds the remote's lock.</summary>
    public async Task RefreshAsync(GitGateRemoteOptions remote, CancellationToken cancellationToken)
    {
        await git.RunCheckedAsync(
            PathOf(remote),
            ["fetch", "--prune", "--quiet", remote.Url, "+refs/*:refs/*"],
            cancellationToken,
            remote.UpstreamEnvironment);
    }

    private async Task InitialiseAsync(GitGateRemoteOptions remote, CancellationToken cancellationToken)
    {
        var path = PathOf(remote);
        if (!Directory.Exists(Path.Combine(path, "objects")))
        {
            // init + fetch rather than clone --mirror: no 'origin' remote with mirror=true exists, so no
            // 'git push' in the mirror can ever turn into a mirror push by accident.
            await git.RunCheckedAsync(null, ["init", "--bare", "--quiet", path], cancellationToken);
        }

        foreach (var (key, value) in MirrorConfig)
        {
            await git.RunCheckedAsync(path, ["config", key, value], cancellationToken);
        }

        var hooks = Path.Combine(path, "hooks");
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "pre-receive");
        await File.WriteAllTextAsync(hook, PreReceiveHook.Script, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await CheckHookRunsAsync(hook, cancellationToken);
        await RefreshAsync(remote, cancellationToken);
        await FollowUpstreamHeadAsync(remote, path, cancellationToken);
    }

    /// <summary>
    /// git silently skips a hook it cannot execute (a mirror on a noexec mount, say) and then accepts every push
    /// unscanned. So the hook runs once here, outside any push, where it must refuse; if it cannot run, the
    /// remote stays unusable (git-gate unhealthy) instead of open.
    /// </summary>
    private static async Task CheckHookRunsAsync(string hook, CancellationToken cancellationToken)
    {
        var info = new System.Diagnostics.ProcessStartInfo(hook)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove(PreReceiveHook.TokenVariable);
        info.Environment.Remove(PreReceiveHook.PortVariable);
        string refusal;
        int exitCode;
        try
        {
            using var process = await StartHookAsync(info, cancellationToken) ?? throw new GitCommandException($"could not start the pre-receive hook {hook}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            refusal = await process.StandardError.ReadToEndAsync(cancellationToken);
            await stdout;
            await GitRunner.WaitForExitAsync(process, cancellationToken);
            exitCode = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitCommandException(
                $"the pre-receive hook {hook} cannot run ({ex.Message}; is the mirror folder on a noexec mount?): git would skip it and accept pushes unscanned", ex);
        }

        if (exitCode != 1 || !refusal.Contains("did not come through git-gate", StringComparison.Ordinal))
        {
            throw new GitCommandException($"the pre-receive hook {hook} does not refuse a push it was not given (exit {exitCode}: {refusal.Trim()})");
        }
    }

    /// <summary>
    /// Starts the freshly written hook. Mirrors are set up side by side, and a git process forked for another one can
    /// still hold this file's write descriptor between its fork and its exec; until it has exec'd, executing the hook
    /// fails with ETXTBSY. That is transient, so it is retried for a moment; any other failure is final.
    /// </summary>
    private static async Task<System.Diagnostics.Process?> StartHookAsync(System.Diagnostics.ProcessStartInfo info, CancellationToken cancellationToken)
    {
        const int TextFileBusy = 26; // ETXTBSY on Linux
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return System.Diagnostics.Process.Start(info);
            }
            catch (System.ComponentModel.Win32Exception ex) when (ex.NativeErrorCode == TextFileBusy && attempt < 40)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            }
        }
    }

    /// <summary>Points the mirror's HEAD where the real remote's points, so clones through git-gate check out its default branch.</summary>
    private async Task FollowUpstreamHeadAsync(GitGateRemoteOptions remote, string path, CancellationToken cancellationToken)
    {
        var listing = await git.RunCheckedAsync(path, ["ls-remote", "--symref", remote.Url, "HEAD"], cancellationToken, remote.UpstreamEnvironment);
        var head = listing.Split('\n')
            .Where(l => l.StartsWith("ref: ", StringComparison.Ordinal) && l.EndsWith("\tHEAD", StringComparison.Ordinal))
            .Select(l => l["ref: ".Length..^"\tHEAD".Length])
            .FirstOrDefault();
        if (head is not null)
        {
            await git.RunCheckedAsync(path, ["symbolic-ref", "HEAD", head], cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var gate in locks.Values)
        {
            gate.Dispose();
        }
    }

    private void SetError(GitGateRemoteOptions remote, string? error)
    {
        lock (errors)
        {
            errors[remote.Name] = error;
        }
    }

    /// <summary>
    /// Mirror settings: the ref policy is git-gate's, so git's own refusals are off; received objects are
    /// fsck'ed; no automatic gc runs inside a request.
    /// </summary>
    private static readonly (string Key, string Value)[] MirrorConfig =
    [
        ("receive.denyNonFastForwards", "false"),
        ("receive.denyDeletes", "false"),
        ("receive.denyDeleteCurrent", "false"),
        ("receive.fsckObjects", "true"),
        ("receive.autogc", "false"),
        ("gc.auto", "0"),
        ("uploadpack.allowFilter", "true"),
    ];

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

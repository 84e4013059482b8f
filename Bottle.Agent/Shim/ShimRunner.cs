using System.Runtime.Versioning;
using Bottle.Agent.Git;
using Bottle.Agent.Network;
using Bottle.Agent.Processes;
using Bottle.Agent.Trust;
using Bottle.Agent.Workspace;

namespace Bottle.Agent.Shim;

/// <summary>
/// One run of <c>bottle-agent</c>: trust the bottle CA, check the git config and the proxy variables, prepare the
/// workspace, then run the command. Any failure before the command starts is reported as
/// <c>bottle-agent: &lt;what is wrong&gt;</c> on stderr with exit code 125 (126/127 when the command cannot run):
/// the command never runs in a half-prepared bottle.
/// </summary>
/// <remarks>
/// Diagnostics go to a plain <see cref="TextWriter"/> (stderr) rather than an <c>ILogger</c>: the shim runs in
/// the agent's terminal before its command, so its only output is an error line a person reads there.
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed class ShimRunner(TimeProvider timeProvider, TextWriter diagnostics)
{
    /// <summary>Runs the shim with <paramref name="args"/> and the process's own environment.</summary>
    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(args, CurrentEnvironment(), options => options, new ChildProcessRunner(), cancellationToken);

    /// <summary>Runs the shim; <paramref name="configureTrust"/> lets tests point the CA paths at temporary folders.</summary>
    public async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Dictionary<string, string> environment,
        Func<CaTrustOptions, CaTrustOptions> configureTrust,
        ChildProcessRunner runner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configureTrust);
        ArgumentNullException.ThrowIfNull(runner);
        try
        {
            var options = ShimCommandLine.Parse(args, environment);
            if (options is null)
            {
                await diagnostics.WriteLineAsync(ShimCommandLine.Usage);
                return 0;
            }

            var home = environment.TryGetValue("HOME", out var h) && h.Length > 0
                ? h
                : throw new ShimFailureException("HOME is not set; the shim keeps its CA bundle and workspace lock under $HOME/.bottle");
            await CaTrust.ApplyAsync(
                configureTrust(new CaTrustOptions(options.CaFile, CaTrustOptions.UserBundleIn(home))), environment, diagnostics, cancellationToken);
            // Before the workspace exists (a clone needs these settings), git's view from the workdir if it is there already.
            var gitDirectory = Directory.Exists(options.Workdir) ? options.Workdir : Directory.GetCurrentDirectory();
            var rewrites = await GitRewrites.ApplyAsync(environment, gitDirectory, GitRewrites.ReadIdentityAsync, cancellationToken);
            ProxyEnvironment.Apply(environment, options.Proxy, options.NoProxy, rewrites.Select(r => r.GitGateUrl.Host).Concat(CloneHost(options)));
            var workdir = await new WorkspacePreparer(timeProvider).PrepareAsync(
                options.Workspace, options.Workdir, options.CloneUrl, environment, Path.Combine(home, ".bottle", "workspace.lock"), cancellationToken);
            return await runner.RunAsync(options.Command, environment, workdir, cancellationToken);
        }
        catch (ShimFailureException ex)
        {
            await diagnostics.WriteLineAsync($"bottle-agent: {ex.Message}");
            return ex.ExitCode;
        }
    }

    // The clone URL is git-gate's too; git must reach it directly, not through pipelock.
    private static IEnumerable<string> CloneHost(ShimOptions options) =>
        Uri.TryCreate(options.CloneUrl, UriKind.Absolute, out var url) ? [url.Host] : [];

    private static Dictionary<string, string> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
}

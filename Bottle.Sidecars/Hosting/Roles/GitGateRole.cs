using System.Globalization;
using System.Net;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Ssh;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>git-gate</c> role: the agent's git remote on the config's <c>http</c> endpoint. Mirrors live in the
/// container's temp folder (a cache filled from the real remotes at start). Every remote is reached through egress:
/// https remotes with <c>https_proxy</c>, ssh remotes with a <c>ProxyCommand</c> that is this binary's <c>connect</c>
/// verb, the remote's key file and its pinned host keys (<see cref="SshRemoteEnvironment"/>). Findings go to the
/// config's findings folder, audit lines to its audit path.
/// </summary>
internal sealed class GitGateRole : ISidecarRole
{
    public string Name => "git-gate";

    public IPAddress AdminAddress(SidecarHostContext context) => IPAddress.Parse(context.LoadConfig<GitGateConfig>(Name).Admin.Address);

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
        var config = context.LoadConfig<GitGateConfig>(Name);
        var state = Path.Combine(Path.GetTempPath(), "bottle-git-gate");
        var options = GitGateOptions.FromConfig(config, state);
        // Local remotes are bind mounts, not hosts: no egress, only git's safe.directory for a repository another uid owns.
        var local = LocalRemoteAccess.WriteConfig(options.Remotes, Path.Combine(Path.GetTempPath(), "bottle-git-gate-local-remotes.gitconfig"));
        options = options with
        {
            Remotes = [.. options.Remotes.Select(r => r with
            {
                UpstreamEnvironment = LocalRemoteAccess.IsLocal(r) ? local : UpstreamEnvironment(config, config.Remotes.Single(c => c.Name == r.Name), state),
            })],
        };
        var url = string.Create(CultureInfo.InvariantCulture, $"http://{config.Http}");
        var service = new GitGateHostedService(options, url, new DlpScanner(DlpConfigMapping.ToOptions(config.Dlp, [])));
        builder.Services.AddSingleton<IHostedService>(service);
        builder.Services.AddHealthChecks().AddCheck(Name, service);
        var counters = new MeterCounters(GitGateMetrics.MeterName);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton(new SidecarMetricsSource(Name, counters.ToPrometheusText));
    }

    /// <summary>How git reaches <paramref name="remote"/>: only through egress, whatever the protocol.</summary>
    private static IReadOnlyDictionary<string, string> UpstreamEnvironment(GitGateConfig config, GitRemoteConfig remote, string state)
    {
        if (!remote.IsSsh)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { ["https_proxy"] = config.EgressProxy, ["http_proxy"] = config.EgressProxy };
        }

        // The ProxyCommand runs this very binary (in the image: /opt/bottle-sidecars/bottle-sidecars).
        var executable = Path.Combine(AppContext.BaseDirectory, SshRemoteEnvironment.SidecarExecutableName);
        return SshRemoteEnvironment.Create(
            remote.Name, remote.Host, remote.Port, remote.HostKeys, remote.CredentialPath, config.EgressProxy, executable, Path.Combine(state, "ssh"));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

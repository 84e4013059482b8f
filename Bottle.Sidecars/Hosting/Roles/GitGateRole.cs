using System.Globalization;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>git-gate</c> role: the agent's git remote on the config's <c>http</c> endpoint. Mirrors live in the
/// container's temp folder (a cache filled from the real remotes at start); https remotes are reached through
/// egress (<c>https_proxy</c>), findings go to the config's findings folder, audit lines to its audit path.
/// </summary>
internal sealed class GitGateRole : ISidecarRole
{
    public string Name => "git-gate";

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
        var config = context.LoadConfig<GitGateConfig>(Name);
        var options = GitGateOptions.FromConfig(config, Path.Combine(Path.GetTempPath(), "bottle-git-gate"));
        // git talks to https remotes only through egress; ssh remotes need the CONNECT ProxyCommand (not wired yet).
        var viaEgress = new Dictionary<string, string>(StringComparer.Ordinal) { ["https_proxy"] = config.EgressProxy, ["http_proxy"] = config.EgressProxy };
        // Local remotes are bind mounts, not hosts: no egress, only git's safe.directory for a repository another uid owns.
        var local = LocalRemoteAccess.WriteConfig(options.Remotes, Path.Combine(Path.GetTempPath(), "bottle-git-gate-local-remotes.gitconfig"));
        options = options with { Remotes = [.. options.Remotes.Select(r => r with { UpstreamEnvironment = LocalRemoteAccess.IsLocal(r) ? local : viaEgress })] };
        var url = string.Create(CultureInfo.InvariantCulture, $"http://{config.Http}");
        var service = new GitGateHostedService(options, url, new DlpScanner(DlpConfigMapping.ToOptions(config.Dlp, [])));
        builder.Services.AddSingleton<IHostedService>(service);
        builder.Services.AddHealthChecks().AddCheck(Name, service);
        var counters = new MeterCounters(GitGateMetrics.MeterName);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton(new SidecarMetricsSource(Name, counters.ToPrometheusText));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

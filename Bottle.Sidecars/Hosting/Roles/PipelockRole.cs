using System.Net;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>pipelock</c> role: the agent's TLS-intercepting proxy on the config's <c>proxy</c> endpoint, with the
/// policy and DLP from the config (reloaded on SIGHUP), sending everything it allows to egress.
/// </summary>
internal sealed class PipelockRole : ISidecarRole
{
    public string Name => "pipelock";

    public IPAddress AdminAddress(SidecarHostContext context) => IPAddress.Parse(context.LoadConfig<PipelockConfig>(Name).Admin.Address);

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
        var config = context.LoadConfig<PipelockConfig>(Name);
        builder.Services.AddSingleton<IUpstreamConnector>(_ => EgressUpstreamConnector.FromUrl(config.Upstream));
        builder.Services.AddSingleton<DlpRequestInspector>();
        builder.Services.AddSingleton<IRequestInspector>(sp => sp.GetRequiredService<DlpRequestInspector>());
        builder.Services.AddPipelock(PipelockOptions.FromConfig(config, context.ConfigFileFor(Name)));
        builder.Services.AddSingleton(sp => new SidecarMetricsSource(Name, () => sp.GetRequiredService<PipelockServer>().GetStatus().ToPrometheusText()));
        builder.Services.AddHealthChecks().AddCheck<PipelockHealthCheck>(Name);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

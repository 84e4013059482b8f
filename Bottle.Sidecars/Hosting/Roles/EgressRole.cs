using System.Net;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Egress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>egress</c> role: the one door out on the config's <c>proxy</c> endpoint (name resolution, upstream TLS
/// validation, credential injection), serving only the config's clients, auditing to the config's audit path and stdout.
/// </summary>
internal sealed class EgressRole : ISidecarRole
{
    public string Name => "egress";

    public IPAddress AdminAddress(SidecarHostContext context) => IPAddress.Parse(context.LoadConfig<EgressConfig>(Name).Admin.Address);

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
        var config = context.LoadConfig<EgressConfig>(Name);
        builder.Services.AddSingleton<IAuditSink>(sp => new AuditWriter(config.AuditPath, Console.OpenStandardOutput(), sp.GetRequiredService<ILogger<AuditWriter>>()));
        builder.Services.AddEgress(EgressOptions.FromConfig(config));
        builder.Services.AddSingleton(sp => new SidecarMetricsSource(Name, sp.GetRequiredService<EgressServer>().ToPrometheusText));
        builder.Services.AddHealthChecks().AddCheck<EgressHealthCheck>(Name);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

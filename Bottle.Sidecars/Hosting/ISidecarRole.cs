using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// One sidecar role (pipelock, egress, git-gate) as it plugs into the shared host. A role registers its
/// servers as hosted services (and, if it serves HTTP through Kestrel, its listeners via
/// <c>builder.WebHost.ConfigureKestrel</c>) and maps its endpoints; the host adds the admin endpoint,
/// health and logging around it. Roles never reference each other, so <c>all</c> runs them side by side.
/// </summary>
public interface ISidecarRole
{
    /// <summary>The role's name as given on the command line, e.g. <c>git-gate</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The address the admin endpoint (<c>/health</c>, <c>/metrics</c>) binds for this role: its config's <c>admin</c>
    /// address, on the sidecar network, never the agent-facing one.
    /// </summary>
    IPAddress AdminAddress(SidecarHostContext context);

    /// <summary>Registers the role's services, hosted services and health checks.</summary>
    void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context);

    /// <summary>Maps the role's HTTP endpoints, if it has any.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>pipelock</c> role: the agent's TLS-intercepting HTTP proxy (name-based allowlist, DLP).
/// Its server plugs in here (hosted services in <see cref="ConfigureServices"/>, endpoints in
/// <see cref="MapEndpoints"/>); until then the role runs the shared host only: admin endpoint, health, logging.
/// </summary>
internal sealed class PipelockRole : ISidecarRole
{
    public string Name => "pipelock";

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

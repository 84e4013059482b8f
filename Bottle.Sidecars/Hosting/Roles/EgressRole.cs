using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>egress</c> role: the one door out (name resolution, upstream TLS validation, credential injection).
/// Its server plugs in here (hosted services in <see cref="ConfigureServices"/>, endpoints in
/// <see cref="MapEndpoints"/>); until then the role runs the shared host only: admin endpoint, health, logging.
/// </summary>
internal sealed class EgressRole : ISidecarRole
{
    public string Name => "egress";

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

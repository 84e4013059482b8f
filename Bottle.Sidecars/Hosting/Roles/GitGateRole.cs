using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Bottle.Sidecars.Hosting.Roles;

/// <summary>
/// The <c>git-gate</c> role: the agent's git remote (scans every pushed commit before pushing to the real remote).
/// Its server plugs in here (hosted services in <see cref="ConfigureServices"/>, endpoints in
/// <see cref="MapEndpoints"/>); until then the role runs the shared host only: admin endpoint, health, logging.
/// </summary>
internal sealed class GitGateRole : ISidecarRole
{
    public string Name => "git-gate";

    public void ConfigureServices(WebApplicationBuilder builder, SidecarHostContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarHostContext context)
    {
    }
}

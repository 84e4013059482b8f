using Bottle.Sidecars.GitGate.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Sidecars.GitGate;

/// <summary>Maps git-gate's smart HTTP endpoints at <c>/{remote}.git/...</c>.</summary>
public static class GitGateEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>info/refs</c>, <c>git-upload-pack</c> and <c>git-receive-pack</c> for every configured remote.</summary>
    public static IEndpointRouteBuilder MapGitGate(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = endpoints.ServiceProvider.GetRequiredService<GitSmartHttpHandler>();
        endpoints.MapGet("/{remote}.git/info/refs", (HttpContext context, string remote) => handler.InfoRefsAsync(context, remote));
        endpoints.MapPost("/{remote}.git/git-upload-pack", (HttpContext context, string remote) => handler.ServiceAsync(context, remote, "git-upload-pack"));
        endpoints.MapPost("/{remote}.git/git-receive-pack", (HttpContext context, string remote) => handler.ServiceAsync(context, remote, "git-receive-pack"));
        return endpoints;
    }
}

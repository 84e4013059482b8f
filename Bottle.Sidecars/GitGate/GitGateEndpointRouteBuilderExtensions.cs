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
        // Plain RequestDelegates: delegate-binding minimal APIs reflect over the lambda's parameters, which the trimmed
        // sidecar image does not support.
        endpoints.MapGet("/{remote}.git/info/refs", (RequestDelegate)(context => handler.InfoRefsAsync(context, Remote(context))));
        endpoints.MapPost("/{remote}.git/git-upload-pack", (RequestDelegate)(context => handler.ServiceAsync(context, Remote(context), "git-upload-pack")));
        endpoints.MapPost("/{remote}.git/git-receive-pack", (RequestDelegate)(context => handler.ServiceAsync(context, Remote(context), "git-receive-pack")));
        return endpoints;
    }

    // The route template makes {remote} a required, non-empty segment, so a matched request always has it.
    private static string Remote(HttpContext context) => (string)context.Request.RouteValues["remote"]!;
}

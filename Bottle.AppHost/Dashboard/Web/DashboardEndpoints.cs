using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Bottle.AppHost.Dashboard.Graph;
using Bottle.AppHost.Dashboard.Views;
using Bottle.AppHost.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bottle.AppHost.Dashboard.Web;

/// <summary>The dashboard's routes: five pages, two assets, the JSON APIs and the server-sent event streams.</summary>
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, DashboardContext context, DashboardAccessGate gate)
    {
        foreach (var page in DashboardPage.All)
        {
            app.MapGet(page.Path, () => Html(DashboardHtml.Page(page, context.BottleName, context.PlanJson)));
        }

        app.MapGet(DashboardAccessGate.LoginPath, (HttpContext http, string? t) =>
        {
            if (t is not null && gate.IsValidToken(t))
            {
                gate.SignIn(http);
                return Results.Redirect("/");
            }

            if (t is null && gate.HasValidCookie(http))
            {
                return Results.Redirect("/");
            }

            return Html(DashboardHtml.Login(invalidToken: t is not null), t is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
        });

        app.MapGet(DashboardAccessGate.StylesPath, () => Results.Text(DashboardStyles.Css, "text/css; charset=utf-8"));
        app.MapGet("/assets/dashboard.js", () => Results.Text(DashboardScript.Js, "text/javascript; charset=utf-8"));

        app.MapGet("/api/resources", () => context.Notifications.GetCurrentStates().Select(ResourceViewMapper.ToView).ToList());
        app.MapGet("/api/resources/stream", (CancellationToken aborted) => TypedResults.ServerSentEvents(
            Until(ct => Select(context.Notifications.WatchAsync(ct), ResourceViewMapper.ToView, ct), context.Stopping, aborted), "resource"));

        app.MapPost("/api/resources/{name}/commands/{command}", async (string name, string command, CancellationToken aborted) =>
        {
            if (context.Model.FindResource(name) is null)
            {
                return Results.NotFound(new { success = false, errorMessage = $"There is no resource named '{name}'." });
            }

            var result = await context.Orchestrator.ExecuteCommandAsync(name, command, aborted);
            return Results.Ok(new { success = result.Success, errorMessage = result.ErrorMessage });
        });

        app.MapGet("/api/logs/{name}/stream", (string name, CancellationToken aborted) =>
            context.Model.FindResource(name) is { } resource
                ? (IResult)TypedResults.ServerSentEvents(Until(ct => context.Logs.WatchAsync(resource.Name, fromStart: true, ct), context.Stopping, aborted), "line")
                : Results.NotFound($"There is no resource named '{name}'."));

        app.MapGet("/api/graph", () => ResourceGraphLayout.Layout([.. context.Model.Resources.Select(r =>
            context.Notifications.TryGetCurrentState(r.Name, out var current)
                ? (r.Name, current.Snapshot.ResourceType, (IReadOnlyList<Hosting.ApplicationModel.RelationshipSnapshot>)current.Snapshot.Relationships)
                : (r.Name, r.GetType().Name, []))]));

        app.MapGet("/api/plan", () => context.PlanJson is null
            ? Results.NotFound("This app host runs without a bottle plan.")
            : Results.Text(context.PlanJson, "application/json; charset=utf-8"));

        app.MapGet("/api/audit/stream", (CancellationToken aborted) =>
            TypedResults.ServerSentEvents(Until(context.Audit.WatchAsync, context.Stopping, aborted), "audit"));
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static async IAsyncEnumerable<TOut> Select<TIn, TOut>(IAsyncEnumerable<TIn> source, Func<TIn, TOut> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            yield return map(item);
        }
    }

    /// <summary>
    /// Streams <paramref name="source"/> until the browser goes away or the dashboard stops; a stop ends the
    /// stream quietly (no error logged), so shutdown never waits on an open page.
    /// </summary>
    private static async IAsyncEnumerable<T> Until<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> source,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        await using var items = source(linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            yield return items.Current;
        }
    }
}

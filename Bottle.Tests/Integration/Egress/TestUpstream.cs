using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bottle.Tests.Integration.Egress;

/// <summary>
/// A local Kestrel "API" on a loopback address: HTTPS with certificates chosen by SNI (or plain HTTP), recording
/// every request it receives. <c>/echo</c> reflects the <c>x-api-key</c> request header back in a response header.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestUpstream(WebApplication app) => this.app = app;

    /// <summary>Every request received: host header, path and all headers.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    public static async Task<TestUpstream> StartAsync(IPAddress address, IReadOnlyDictionary<string, X509Certificate2>? certificatesBySni)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, 0, listen =>
        {
            if (certificatesBySni is not null)
            {
                listen.UseHttps(https => https.ServerCertificateSelector = (_, name) =>
                    name is not null && certificatesBySni.TryGetValue(name, out var certificate) ? certificate : certificatesBySni.Values.First());
            }
        }));
        var app = builder.Build();
        var upstream = new TestUpstream(app);
        app.Use(async (context, next) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            upstream.Requests.Enqueue(new ReceivedRequest(
                context.Request.Host.Value ?? string.Empty,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            await next(context);
        });
        app.MapPost("/v1/messages", () => Results.Json(new { ok = true }));
        app.MapGet("/v1/models", () => Results.Json(new { ok = true }));
        app.MapGet("/echo", (HttpContext context) =>
        {
            context.Response.Headers["x-echo"] = context.Request.Headers["x-api-key"].ToString();
            return Results.Text("echoed");
        });
        app.MapGet("/bulk/{size:int}", (int size) => Results.Bytes(new byte[size], "application/octet-stream"));
        app.MapGet("/close", (HttpContext context) =>
        {
            // Makes the egress pool drop its connection, so the next request dials (and resolves) again.
            context.Response.Headers.Connection = "close";
            return Results.Text("bye");
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.Port = new Uri(bound).Port;
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request as the upstream saw it.</summary>
public sealed record ReceivedRequest(string Host, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

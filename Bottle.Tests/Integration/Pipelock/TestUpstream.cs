using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// A real Kestrel HTTPS upstream on 127.0.0.1 with certificates from its own test CA (not the bottle CA), serving
/// a few endpoints the proxy tests need, and recording the exact bytes of every request body it received.
/// </summary>
internal sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, CertificateAuthority ca, int port)
    {
        _app = app;
        Ca = ca;
        Port = port;
    }

    public CertificateAuthority Ca { get; }

    public int Port { get; }

    /// <summary>Request bodies as received (also partial ones, when the request was aborted), by X-Test-Id.</summary>
    public ConcurrentDictionary<string, byte[]> ReceivedBodies { get; } = new();

    /// <summary>Request headers as received, by X-Test-Id.</summary>
    public ConcurrentDictionary<string, IHeaderDictionary> ReceivedHeaders { get; } = new();

    /// <summary>Paths requested, in order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public static async Task<TestUpstream> StartAsync(string directory, params string[] names)
    {
        var ca = CertificateAuthority.Create(directory, TimeProvider.System, "Test Upstream CA");
        var leaves = names.ToDictionary(n => n, n => ca.IssueLeaf(n, TimeProvider.System), StringComparer.OrdinalIgnoreCase);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(h =>
            h.ServerCertificateSelector = (_, name) => name is not null && leaves.TryGetValue(name, out var c) ? c : leaves.Values.First())));
        builder.Services.AddOptions();
        var app = builder.Build();
        app.UseWebSockets();
        TestUpstream? self = null;
        app.Run(ctx => self!.HandleAsync(ctx));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestUpstream(app, ca, new Uri(address).Port);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ca.Dispose();
    }

    /// <summary>The deterministic bytes /v1/big serves: byte i is (i * 31 + 7) mod 251.</summary>
    public static byte[] BigBody(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)((i * 31L + 7) % 251);
        }

        return bytes;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var id = ctx.Request.Headers["X-Test-Id"].ToString();
        Paths.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
        if (id.Length > 0)
        {
            ReceivedHeaders[id] = new HeaderDictionary(ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
        }

        ctx.Response.Headers["X-Upstream-Protocol"] = ctx.Request.Protocol;
        switch (ctx.Request.Path.Value)
        {
            case "/v1/hello":
                await ctx.Response.WriteAsync("hello from upstream");
                break;
            case "/v1/echo":
                await EchoAsync(ctx, id);
                break;
            case "/v1/ws" or "/v2/ws" when ctx.WebSockets.IsWebSocketRequest:
                using (var socket = await ctx.WebSockets.AcceptWebSocketAsync())
                {
                    var buffer = new byte[4096];
                    var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    await socket.SendAsync(buffer.AsMemory(0, received.Count), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
                    await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }

                break;
            case "/v1/upload":
                // Answers only after the whole body arrived, so a deny mid-body is the first answer the client sees.
                var all = new MemoryStream();
                try
                {
                    await ctx.Request.Body.CopyToAsync(all);
                }
                finally
                {
                    ReceivedBodies[id] = all.ToArray();
                }

                await ctx.Response.WriteAsync($"received {all.Length}");
                break;
            case "/v1/big":
                var size = int.Parse(ctx.Request.Query["size"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                var body = BigBody(size);
                for (var offset = 0; offset < size; offset += 50_000)
                {
                    await ctx.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(50_000, size - offset)));
                    await ctx.Response.Body.FlushAsync();
                }

                break;
            case "/v2/secret":
                await ctx.Response.WriteAsync("v2 secret");
                break;
            default:
                ctx.Response.StatusCode = 404;
                break;
        }
    }

    private async Task EchoAsync(HttpContext ctx, string id)
    {
        var received = new MemoryStream();
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await ctx.Request.Body.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
                await ctx.Response.Body.WriteAsync(buffer.AsMemory(0, n));
            }
        }
        finally
        {
            ReceivedBodies[id] = received.ToArray();
        }
    }
}

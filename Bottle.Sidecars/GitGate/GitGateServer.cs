using Bottle.Sidecars.GitGate.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Sidecars.GitGate;

/// <summary>
/// A self-contained git-gate web server (smart HTTP + <c>/health</c>), for the sidecar host's <c>git-gate</c>
/// role, tests and benchmarks. Dispose to stop it.
/// </summary>
public sealed class GitGateServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private GitGateServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The URL the agent uses for <paramref name="remoteName"/> (what <c>url.&lt;this&gt;.insteadOf</c> points at).</summary>
    public Uri RemoteUrl(string remoteName) => new(BaseAddress, remoteName + ".git");

    /// <summary>Starts git-gate on <paramref name="url"/> (port 0 picks a free port) and returns once mirrors are filled.</summary>
    /// <param name="options">git-gate settings.</param>
    /// <param name="scanner">The secret scanner; null uses the DLP engine with its default rules.</param>
    /// <param name="url">The listen URL.</param>
    /// <param name="configure">Extra host configuration (logging, more services).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<GitGateServer> StartAsync(
        GitGateOptions options,
        ISecretScanner? scanner = null,
        string url = "http://127.0.0.1:0",
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        if (scanner is not null)
        {
            builder.Services.AddSingleton(scanner);
        }

        builder.Services.AddGitGate(options);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapGitGate();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GitGateServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using Microsoft.Extensions.Hosting;

namespace Bottle.AppHost.Hosting;

/// <summary>
/// A built Bottle application: an <see cref="IHost"/> whose orchestrator starts the resources on
/// <see cref="StartAsync"/> and stops them in reverse dependency order on <see cref="StopAsync"/>.
/// Run it with <c>await app.RunAsync()</c>.
/// </summary>
public sealed class BottleApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;

    internal BottleApplication(IHost host) => _host = host;

    /// <summary>Creates a builder (Aspire's <c>DistributedApplication.CreateBuilder</c>).</summary>
    public static BottleApplicationBuilder CreateBuilder(string[]? args = null) => new(args);

    /// <inheritdoc />
    public IServiceProvider Services => _host.Services;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => _host.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}

using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.Egress;

/// <summary>Runs the <see cref="EgressServer"/> for the lifetime of the host.</summary>
public sealed class EgressHostedService(EgressServer server) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}

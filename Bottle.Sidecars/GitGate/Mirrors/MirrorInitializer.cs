using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.GitGate.Mirrors;

/// <summary>Fills every mirror from its real remote before the host starts serving.</summary>
internal sealed class MirrorInitializer(MirrorStore mirrors) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => mirrors.InitialiseAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

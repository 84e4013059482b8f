using Microsoft.Extensions.Hosting;

namespace Bottle.AppHost.Hosting.Terminal;

/// <summary>Runs a <see cref="ConsoleResourceView"/> for the life of the host.</summary>
internal sealed class ConsoleResourceViewService(ConsoleResourceView view) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => view.RunAsync(stoppingToken);
}

using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// Runs a <see cref="PipelockServer"/> inside a host, and reloads its policy on SIGHUP (what <c>apply</c> sends
/// after writing the new config with temp + rename).
/// </summary>
public sealed class PipelockHostedService(PipelockServer server) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _hangup;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // SIGHUP means "reload", not "terminate"
                server.ReloadPolicy();
            });
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _hangup?.Dispose();
        _hangup = null;
        await server.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _hangup?.Dispose();
}

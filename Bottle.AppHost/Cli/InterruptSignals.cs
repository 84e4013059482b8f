using System.Runtime.InteropServices;

namespace Bottle.AppHost.Cli;

/// <summary>
/// Turns Ctrl-C and SIGTERM into cancellation of <see cref="Token"/> instead of ending the process, so a verb that
/// owns a bottle tears it down (logs first, nothing left behind) and is never cut off in the middle of that.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    /// <summary>Starts listening; <see cref="Token"/> is also cancelled with <paramref name="cancellationToken"/>.</summary>
    public InterruptSignals(CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by Ctrl-C, SIGTERM or the caller's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether <see cref="Token"/> was cancelled.</summary>
    public bool IsCancellationRequested => _source.IsCancellationRequested;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }
}

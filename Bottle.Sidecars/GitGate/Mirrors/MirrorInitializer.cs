using Microsoft.Extensions.Hosting;

namespace Bottle.Sidecars.GitGate.Mirrors;

/// <summary>
/// Fills every mirror from its real remote before the host starts serving, then keeps retrying the ones that
/// failed: in a bottle git-gate and egress start together, so the first fetch can meet an egress that does not
/// listen yet or a remote that is briefly unreachable. Until a mirror is filled its remote answers 503 and
/// <c>/health</c> names it (nothing is served from an empty mirror).
/// </summary>
internal sealed class MirrorInitializer(MirrorStore mirrors, TimeProvider timeProvider) : IHostedService, IDisposable
{
    /// <summary>How long to wait between attempts for a mirror that could not be filled.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource stopping = new();
    private Task retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await mirrors.InitialiseAllAsync(cancellationToken);
        retrying = RetryAsync(stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await retrying.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: an attempt in flight was cancelled, as intended.
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (mirrors.Errors.Values.Any(e => e is not null))
        {
            await Task.Delay(RetryInterval, timeProvider, cancellationToken);
            await mirrors.InitialiseFailedAsync(cancellationToken);
        }
    }
}

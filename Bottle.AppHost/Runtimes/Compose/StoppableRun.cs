using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// A run with no process of its own (a network, the project): alive from start until stopped, when it runs
/// <c>onStop</c> once and ends with no exit code.
/// </summary>
internal sealed class StoppableRun(Func<CancellationToken, Task> onStop, IReadOnlyList<ResourcePropertySnapshot> properties) : IRunningResource
{
    private readonly TaskCompletionSource<int?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopped;

    public Task<int?> Completion => _completion.Task;

    public IReadOnlyList<ResourcePropertySnapshot> Properties => properties;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await _completion.Task;
            return;
        }

        try
        {
            await onStop(cancellationToken);
            _completion.TrySetResult(null);
        }
        catch (Exception ex)
        {
            // The run is over either way; the watcher reports how the stop went wrong.
            _completion.TrySetException(ex);
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

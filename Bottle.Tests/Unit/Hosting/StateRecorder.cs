using Bottle.AppHost.Hosting;

namespace Bottle.Tests.Unit.Hosting;

/// <summary>
/// Records every state change the notification service streams, in stream order, so tests can assert on the
/// order of transitions instead of on timing.
/// </summary>
internal sealed class StateRecorder : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(string Resource, string State)> _transitions = [];
    private readonly Dictionary<string, string?> _last = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _recording;
    private readonly ResourceNotificationService _notifications;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateRecorder(ResourceNotificationService notifications)
    {
        _notifications = notifications;
        var subscribed = new TaskCompletionSource();
        _recording = Task.Run(async () =>
        {
            var stream = notifications.WatchAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
            try
            {
                // WatchAsync registers the watcher on the first MoveNextAsync; start it before anything publishes.
                var next = stream.MoveNextAsync();
                subscribed.SetResult();
                while (await next)
                {
                    Record(stream.Current);
                    next = stream.MoveNextAsync();
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                await stream.DisposeAsync();
            }
        });
        subscribed.Task.Wait();
    }

    /// <summary>All transitions so far, in order (a repeated state of one resource is recorded once).</summary>
    public IReadOnlyList<(string Resource, string State)> Transitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _transitions];
            }
        }
    }

    /// <summary>The states one resource went through, in order.</summary>
    public IReadOnlyList<string> StatesOf(string resource) =>
        [.. Transitions.Where(t => t.Resource == resource).Select(t => t.State)];

    /// <summary>Index of the first transition of <paramref name="resource"/> into <paramref name="state"/>, or -1.</summary>
    public int IndexOf(string resource, string state) =>
        Transitions.ToList().FindIndex(t => t.Resource == resource && t.State == state);

    /// <summary>
    /// Waits until the recorder has seen the current state of every resource: call it once nothing changes any
    /// more (after StopAsync), so the assertions see the whole stream.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
                var behind = _last.Any(entry =>
                    _notifications.TryGetCurrentState(entry.Key, out var current) && current.Snapshot.State?.Text != entry.Value);
                if (!behind)
                {
                    return;
                }
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _recording;
        _stop.Dispose();
    }

    private void Record(ResourceEvent resourceEvent)
    {
        var state = resourceEvent.Snapshot.State?.Text;
        lock (_gate)
        {
            if (_last.TryGetValue(resourceEvent.ResourceId, out var previous) && previous == state)
            {
                return;
            }

            _last[resourceEvent.ResourceId] = state;
            _transitions.Add((resourceEvent.ResourceId, state ?? "(none)"));
            _changed.SetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

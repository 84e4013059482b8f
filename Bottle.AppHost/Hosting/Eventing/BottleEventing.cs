using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>
/// In-process publish/subscribe for lifecycle events (Aspire's <c>IDistributedApplicationEventing</c> shape).
/// Handlers run one after another in subscription order; a handler's exception reaches the publisher.
/// </summary>
public sealed class BottleEventing
{
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> for every published <typeparamref name="T"/>.</summary>
    public EventSubscription Subscribe<T>(Func<T, CancellationToken, Task> callback) where T : IBottleEvent
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Add(new EventSubscription(typeof(T), (e, ct) => callback((T)e, ct)));
    }

    /// <summary>Calls <paramref name="callback"/> for every published <typeparamref name="T"/> about <paramref name="resource"/>.</summary>
    public EventSubscription Subscribe<T>(IResource resource, Func<T, CancellationToken, Task> callback) where T : IBottleResourceEvent
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(callback);
        return Add(new EventSubscription(
            typeof(T),
            (e, ct) => ((T)e).Resource == resource ? callback((T)e, ct) : Task.CompletedTask));
    }

    /// <summary>Removes a subscription; unknown ones are ignored.</summary>
    public void Unsubscribe(EventSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Runs the handlers of <typeparamref name="T"/> in subscription order.</summary>
    public async Task PublishAsync<T>(T @event, CancellationToken cancellationToken = default) where T : IBottleEvent
    {
        ArgumentNullException.ThrowIfNull(@event);
        EventSubscription[] handlers;
        lock (_gate)
        {
            handlers = [.. _subscriptions.Where(s => s.EventType == typeof(T))];
        }

        foreach (var handler in handlers)
        {
            await handler.Callback(@event, cancellationToken);
        }
    }

    private EventSubscription Add(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }
}

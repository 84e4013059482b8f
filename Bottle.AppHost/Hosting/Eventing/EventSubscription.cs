namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>A handle to a subscription; pass it to <see cref="BottleEventing.Unsubscribe"/>.</summary>
public sealed class EventSubscription
{
    internal EventSubscription(Type eventType, Func<IBottleEvent, CancellationToken, Task> callback)
    {
        EventType = eventType;
        Callback = callback;
    }

    /// <summary>The event type subscribed to.</summary>
    public Type EventType { get; }

    internal Func<IBottleEvent, CancellationToken, Task> Callback { get; }
}

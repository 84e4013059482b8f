namespace Bottle.AppHost.Hosting.Eventing;

/// <summary>Marker for events published through <see cref="BottleEventing"/>.</summary>
#pragma warning disable CA1040 // Marker interface: subscriptions are keyed by event type, as in Aspire.
public interface IBottleEvent;
#pragma warning restore CA1040

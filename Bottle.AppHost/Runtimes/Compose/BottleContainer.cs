namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>One container of a bottle, as Docker lists it.</summary>
/// <param name="Name">The container name.</param>
/// <param name="Service">The Compose service.</param>
/// <param name="State">Docker's state (<c>running</c>, <c>exited</c>, ...).</param>
/// <param name="Status">Docker's status text (<c>Up 2 minutes (healthy)</c>).</param>
public sealed record BottleContainer(string Name, string Service, string State, string Status);

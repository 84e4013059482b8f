namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>What a command's state callback sees: the resource's latest snapshot.</summary>
/// <param name="ResourceSnapshot">The snapshot being published.</param>
/// <param name="Services">The application's services.</param>
public sealed record UpdateCommandStateContext(CustomResourceSnapshot ResourceSnapshot, IServiceProvider Services);

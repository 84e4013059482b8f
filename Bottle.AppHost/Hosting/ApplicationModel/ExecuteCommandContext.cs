namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>What a command gets when it runs.</summary>
/// <param name="ResourceName">The resource the command runs on.</param>
/// <param name="Services">The application's services.</param>
/// <param name="CancellationToken">Cancelled when the caller gives up or the app stops.</param>
public sealed record ExecuteCommandContext(string ResourceName, IServiceProvider Services, CancellationToken CancellationToken);

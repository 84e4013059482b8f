namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>What an <see cref="EnvironmentCallbackAnnotation"/> gets to fill a resource's environment at start.</summary>
/// <param name="Resource">The resource being started.</param>
/// <param name="Services">The application's services.</param>
/// <param name="EnvironmentVariables">The variables to set; callbacks add or overwrite entries.</param>
/// <param name="CancellationToken">Cancelled when the start is abandoned.</param>
public sealed record EnvironmentCallbackContext(
    IResource Resource,
    IServiceProvider Services,
    IDictionary<string, string> EnvironmentVariables,
    CancellationToken CancellationToken);

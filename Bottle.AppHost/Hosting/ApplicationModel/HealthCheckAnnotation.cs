namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Ties the health check registered under <paramref name="key"/> (with
/// <c>services.AddHealthChecks().AddCheck(key, ...)</c>) to a resource. The orchestrator runs it while the
/// resource is running and publishes the result into the resource's snapshot.
/// </summary>
/// <param name="key">The registration name of the health check.</param>
public sealed class HealthCheckAnnotation(string key) : IResourceAnnotation
{
    /// <summary>The registration name of the health check.</summary>
    public string Key { get; } = string.IsNullOrWhiteSpace(key)
        ? throw new ArgumentException("Health check key is empty.", nameof(key))
        : key;
}

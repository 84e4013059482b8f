namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Sets environment variables of a resource when it starts. Values are computed at start (not at build),
/// so they can depend on allocated ports or on other resources.
/// </summary>
public sealed class EnvironmentCallbackAnnotation : IResourceAnnotation
{
    /// <summary>Runs <paramref name="callback"/> at start to fill the environment.</summary>
    public EnvironmentCallbackAnnotation(Func<EnvironmentCallbackContext, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Callback = callback;
    }

    /// <summary>Sets variable <paramref name="name"/> to the value <paramref name="value"/> returns at start.</summary>
    public EnvironmentCallbackAnnotation(string name, Func<string> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Callback = context =>
        {
            context.EnvironmentVariables[name] = value();
            return Task.CompletedTask;
        };
    }

    /// <summary>The callback that fills the environment.</summary>
    public Func<EnvironmentCallbackContext, Task> Callback { get; }
}

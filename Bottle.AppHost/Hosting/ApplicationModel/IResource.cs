namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A named node of the application model. Resources are inert data: behaviour hangs on their
/// <see cref="Annotations"/>, which the orchestrator and its runners read.
/// </summary>
public interface IResource
{
    /// <summary>The resource name, unique (case-insensitively) within the application.</summary>
    string Name { get; }

    /// <summary>The annotations that describe how the resource is run, waited on and shown.</summary>
    ResourceAnnotationCollection Annotations { get; }
}

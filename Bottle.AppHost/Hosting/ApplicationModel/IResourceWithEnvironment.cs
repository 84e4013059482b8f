namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A resource whose process takes environment variables (see <see cref="EnvironmentCallbackAnnotation"/>).</summary>
#pragma warning disable CA1040 // Marker interface: it constrains which resources WithEnvironment accepts.
public interface IResourceWithEnvironment : IResource;
#pragma warning restore CA1040

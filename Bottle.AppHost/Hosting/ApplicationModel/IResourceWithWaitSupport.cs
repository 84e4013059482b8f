namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A resource whose start can be held back until other resources are ready (see <see cref="WaitAnnotation"/>).</summary>
#pragma warning disable CA1040 // Marker interface: it constrains which resources WaitFor accepts.
public interface IResourceWithWaitSupport : IResource;
#pragma warning restore CA1040

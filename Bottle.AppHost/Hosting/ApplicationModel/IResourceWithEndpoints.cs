namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A resource that listens on network endpoints (see <see cref="EndpointAnnotation"/>).</summary>
#pragma warning disable CA1040 // Marker interface: it constrains which resources WithEndpoint accepts.
public interface IResourceWithEndpoints : IResource;
#pragma warning restore CA1040

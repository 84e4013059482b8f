namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>Marker for data attached to a resource (endpoints, waits, health checks, commands ...).</summary>
#pragma warning disable CA1040 // An empty marker interface is Aspire's shape: annotations are found by type.
public interface IResourceAnnotation;
#pragma warning restore CA1040

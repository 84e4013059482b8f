using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting;

/// <summary>The <c>WithX</c> methods every kind of resource shares (Aspire's names and meanings).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Sets environment variable <paramref name="name"/> to <paramref name="value"/>.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, () => value));
    }

    /// <summary>Sets environment variable <paramref name="name"/> to what <paramref name="value"/> returns at start.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(name, value));
    }

    /// <summary>Fills the environment at start with <paramref name="callback"/>.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Func<EnvironmentCallbackContext, Task> callback)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));
    }

    /// <summary>Declares an endpoint; with no <paramref name="port"/> a free loopback port is chosen at start.</summary>
    /// <param name="builder">The resource.</param>
    /// <param name="name">Endpoint name, unique within the resource.</param>
    /// <param name="port">A fixed port, or null.</param>
    /// <param name="scheme">URL scheme.</param>
    /// <param name="env">Environment variable that tells the process its port.</param>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, int? port = null, string scheme = "http", string? env = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource.Annotations.OfType<EndpointAnnotation>().Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new BottleApplicationException($"Resource '{builder.Resource.Name}' already has an endpoint named '{name}'.");
        }

        return builder.WithAnnotation(new EndpointAnnotation(name, scheme, port, env));
    }

    /// <summary>Declares an HTTP endpoint (named "http" unless told otherwise).</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string name = "http", string? env = null)
        where T : IResourceWithEndpoints => builder.WithEndpoint(name, port, "http", env);

    /// <summary>Holds the resource in <c>Waiting</c> until <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport => builder.AddWait(dependency, WaitType.WaitUntilHealthy, 0);

    /// <summary>Holds the resource in <c>Waiting</c> until <paramref name="dependency"/> has exited with <paramref name="exitCode"/>.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, int exitCode = 0)
        where T : IResourceWithWaitSupport => builder.AddWait(dependency, WaitType.WaitForCompletion, exitCode);

    /// <summary>
    /// Ties the health check registered under <paramref name="key"/>
    /// (<c>builder.Services.AddHealthChecks().AddCheck(key, ...)</c>) to the resource.
    /// </summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string key)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new HealthCheckAnnotation(key));
    }

    /// <summary>
    /// Adds a health check that GETs <paramref name="path"/> on an HTTP endpoint of the resource: healthy when the
    /// answer has <paramref name="statusCode"/> (any 2xx when null).
    /// </summary>
    /// <param name="builder">The resource.</param>
    /// <param name="path">The path to request.</param>
    /// <param name="statusCode">The healthy status, or null for any 2xx.</param>
    /// <param name="endpointName">The endpoint, or null for the first http/https one.</param>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/", int? statusCode = null, string? endpointName = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        var resource = builder.Resource;
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => endpointName is null
                ? e.UriScheme is "http" or "https"
                : string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase))
            ?? throw new BottleApplicationException(endpointName is null
                ? $"Resource '{resource.Name}' has no http endpoint for its HTTP health check: call WithHttpEndpoint first."
                : $"Resource '{resource.Name}' has no endpoint named '{endpointName}' for its HTTP health check.");
        var key = $"{resource.Name}_{endpoint.Name}_http_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, _ => new HttpEndpointHealthCheck(endpoint, path, statusCode), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    /// <summary>Shows the resource inside <paramref name="parent"/> in the views.</summary>
    public static IResourceBuilder<T> WithParentRelationship<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> parent)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(parent);
        return builder.WithRelationship(parent.Resource, KnownRelationshipTypes.Parent);
    }

    /// <summary>Adds an edge of kind <paramref name="type"/> to <paramref name="resource"/>, drawn in the graph.</summary>
    public static IResourceBuilder<T> WithRelationship<T>(this IResourceBuilder<T> builder, IResource resource, string type)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new ResourceRelationshipAnnotation(resource, type));
    }

    /// <summary>
    /// Offers a custom command. <paramref name="updateState"/> decides from each snapshot whether it is enabled
    /// (always, when null).
    /// </summary>
    public static IResourceBuilder<T> WithCommand<T>(
        this IResourceBuilder<T> builder,
        string name,
        string displayName,
        Func<ExecuteCommandContext, Task<CommandResult>> executeCommand,
        Func<UpdateCommandStateContext, ResourceCommandState>? updateState = null)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource.Annotations.OfType<ResourceCommandAnnotation>().Any(c => c.Name == name))
        {
            throw new BottleApplicationException($"Resource '{builder.Resource.Name}' already has a command named '{name}'.");
        }

        return builder.WithAnnotation(new ResourceCommandAnnotation(
            name, displayName, updateState ?? (_ => ResourceCommandState.Enabled), executeCommand));
    }

    /// <summary>Sets the first snapshot of the resource (custom resources use it to set their type and state).</summary>
    public static IResourceBuilder<T> WithInitialState<T>(this IResourceBuilder<T> builder, CustomResourceSnapshot snapshot)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithAnnotation(new ResourceSnapshotAnnotation(snapshot));
    }

    private static IResourceBuilder<T> AddWait<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, WaitType waitType, int exitCode)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new BottleApplicationException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource, waitType, exitCode));
    }
}

using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Eventing;
using Bottle.AppHost.Hosting.Executables;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Hosting;

/// <summary>
/// Builds a Bottle application the way Aspire's <c>IDistributedApplicationBuilder</c> does: add resources with
/// <c>AddX</c>, configure them with <c>WithX</c>, register services, then <see cref="Build"/> an <see cref="IHost"/>
/// whose orchestrator runs the resources.
/// </summary>
public sealed class BottleApplicationBuilder
{
    private readonly HostApplicationBuilder _hostBuilder;
    private readonly List<IResource> _resources = [];
    private bool _built;

    /// <summary>Creates a builder with the default host configuration (command line, environment, appsettings, console logging).</summary>
    public BottleApplicationBuilder(string[]? args = null)
        : this(new HostApplicationBuilderSettings { Args = args })
    {
    }

    /// <summary>Creates a builder with explicit host settings (tests pass <c>DisableDefaults = true</c>).</summary>
    public BottleApplicationBuilder(HostApplicationBuilderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _hostBuilder = Host.CreateApplicationBuilder(settings);
        AddHostingServices(_hostBuilder.Services, Eventing);
    }

    /// <summary>The services of the application; register health checks, runners and views here.</summary>
    public IServiceCollection Services => _hostBuilder.Services;

    /// <summary>The configuration of the application.</summary>
    public ConfigurationManager Configuration => _hostBuilder.Configuration;

    /// <summary>Logging of the app host itself (resource output goes to <c>ResourceLoggerService</c>, not here).</summary>
    public ILoggingBuilder Logging => _hostBuilder.Logging;

    /// <summary>The host environment (name, content root).</summary>
    public IHostEnvironment Environment => _hostBuilder.Environment;

    /// <summary>Lifecycle events; subscribe before <see cref="Build"/> or from a service.</summary>
    public BottleEventing Eventing { get; } = new();

    /// <summary>The resources added so far, in order.</summary>
    public IReadOnlyList<IResource> Resources => _resources;

    /// <summary>Adds <paramref name="resource"/> to the model.</summary>
    /// <exception cref="BottleApplicationException">A resource with the same name (ignoring case) was already added.</exception>
    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_built)
        {
            throw new InvalidOperationException($"Cannot add resource '{resource.Name}': the application was already built.");
        }

        if (_resources.FirstOrDefault(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            throw new BottleApplicationException(
                $"Cannot add resource '{resource.Name}': a resource named '{existing.Name}' already exists (names are case-insensitive).");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>A fluent handle for a resource that is already part of the model.</summary>
    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_resources.Contains(resource))
        {
            throw new BottleApplicationException($"Resource '{resource.Name}' is not part of this application: add it with AddResource first.");
        }

        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>Validates the model (every wait and relationship names a resource of this app; no wait cycles) and builds the app.</summary>
    /// <exception cref="BottleApplicationException">The model is invalid; the message names the resources involved.</exception>
    public BottleApplication Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("The application was already built.");
        }

        _built = true;
        var model = new BottleApplicationModel(_resources);
        ResourceGraph.Validate(model.Resources);
        Services.AddSingleton(model);
        return new BottleApplication(_hostBuilder.Build());
    }

    private static void AddHostingServices(IServiceCollection services, BottleEventing eventing)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BottleHostingOptions>();
        services.AddSingleton(eventing);
        services.AddSingleton<ResourceNotificationService>();
        services.AddSingleton<ResourceLoggerService>();
        services.AddSingleton<ApplicationOrchestrator>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationOrchestrator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IResourceRunner, ExecutableRunner>());
        services.AddHealthChecks();

        // Health results are published into the resources' snapshots; the health service's own log entry per
        // failed check would repeat them at Error level on every interval.
        services.AddLogging(logging => logging.AddFilter(
            "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None));
    }
}

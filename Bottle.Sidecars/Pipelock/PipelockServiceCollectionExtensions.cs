using Bottle.Sidecars.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Pipelock;

/// <summary>Registers pipelock in a host: <c>services.AddPipelock(options)</c>.</summary>
public static class PipelockServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="PipelockServer"/> (resolvable, for the admin endpoint's <see cref="PipelockServer.GetStatus"/>)
    /// run by a <see cref="PipelockHostedService"/>. Uses the registered <see cref="IUpstreamConnector"/> and
    /// <see cref="IRequestInspector"/> (the DLP engine; there is deliberately no default, so a host that forgets DLP
    /// fails at start instead of running without it). The direct connector is the default upstream.
    /// </summary>
    public static IServiceCollection AddPipelock(this IServiceCollection services, PipelockOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUpstreamConnector>(_ => new DirectUpstreamConnector(new DirectUpstreamOptions()));
        services.AddSingleton(sp => new PipelockServer(
            options,
            sp.GetRequiredService<IUpstreamConnector>(),
            sp.GetService<IRequestInspector>() ?? throw new InvalidOperationException(
                "pipelock needs an IRequestInspector (the DLP engine) registered before AddPipelock's server is resolved"),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<PipelockHostedService>();
        return services;
    }
}

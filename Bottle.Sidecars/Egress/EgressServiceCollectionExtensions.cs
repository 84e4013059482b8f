using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Egress;

/// <summary>Registers the egress role in a sidecar host.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EgressServer"/> (a singleton) and its hosted service. The system resolver, plain TCP
    /// connector and <see cref="TimeProvider.System"/> are used unless already registered; an
    /// <see cref="IAuditSink"/> must be registered by the host (the <see cref="AuditWriter"/>).
    /// </summary>
    public static IServiceCollection AddEgress(this IServiceCollection services, EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.TryAddSingleton<ISocketConnector, TcpSocketConnector>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new EgressServer(
            options,
            sp.GetRequiredService<IHostResolver>(),
            sp.GetRequiredService<ISocketConnector>(),
            sp.GetRequiredService<IAuditSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<EgressHostedService>();
        return services;
    }
}

using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Http;
using Bottle.Sidecars.GitGate.Mirrors;
using Bottle.Sidecars.GitGate.Push;
using Bottle.Sidecars.GitGate.Reporting;
using Bottle.Sidecars.GitGate.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate;

/// <summary>Registers git-gate in a host: <c>services.AddGitGate(options)</c>, then <c>app.MapGitGate()</c>.</summary>
public static class GitGateServiceCollectionExtensions
{
    /// <summary>
    /// Adds git-gate's services, its hosted services (mirror initialisation at start, the pre-receive listener)
    /// and its health check (named <c>git-gate</c>). The secret scanner is the registered <see cref="ISecretScanner"/>,
    /// else the registered <see cref="DlpScanner"/>, else a DLP engine with the default rules.
    /// </summary>
    public static IServiceCollection AddGitGate(this IServiceCollection services, GitGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        GitGateOptionsValidator.ThrowIfInvalid(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(new GitRunner(options.GitExecutable));
        services.AddSingleton<MirrorStore>();
        services.AddSingleton<PushSessionRegistry>();
        services.TryAddSingleton<ISecretScanner>(sp =>
            new DlpSecretScanner(sp.GetService<DlpScanner>() ?? new DlpScanner(new DlpOptions())));
        services.AddSingleton<PushScanner>();
        services.AddSingleton<FindingsReport>();
        services.AddSingleton<GitGateMetrics>();
        if (options.AuditPath is not null)
        {
            services.AddSingleton(sp => new AuditWriter(options.AuditPath, null, sp.GetRequiredService<ILogger<AuditWriter>>()));
        }

        services.AddSingleton<RefTargetReader>();
        services.AddSingleton<PushGate>();
        services.AddSingleton<PreReceiveListener>();
        services.AddSingleton<GitSmartHttpHandler>();
        services.AddHostedService<MirrorInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<PreReceiveListener>());
        services.AddHealthChecks().AddCheck<GitGateHealthCheck>("git-gate");
        return services;
    }
}

using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Audit;

/// <summary><c>AddAuditFeed</c>: feed a bottle's audit file into the app host's audit event source.</summary>
public static class AuditFeedBuilderExtensions
{
    /// <summary>
    /// Follows <paramref name="auditFile"/> (normally <c>state/&lt;slug&gt;/audit.jsonl</c>) while the app runs and
    /// publishes its events into the <see cref="InMemoryAuditEventSource"/>, which is also registered as the
    /// <see cref="IAuditEventSource"/> the dashboard reads (unless one is registered already).
    /// </summary>
    public static BottleApplicationBuilder AddAuditFeed(this BottleApplicationBuilder builder, string auditFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditFile);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<InMemoryAuditEventSource>();
        builder.Services.TryAddSingleton<IAuditEventSource>(sp => sp.GetRequiredService<InMemoryAuditEventSource>());
        builder.Services.AddSingleton<IHostedService>(sp => new AuditFeed(
            new AuditFileReader(auditFile, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditFileReader>>()),
            sp.GetRequiredService<InMemoryAuditEventSource>(),
            sp.GetRequiredService<ILogger<AuditFeed>>()));
        return builder;
    }
}

using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bottle.AppHost.Dashboard;

/// <summary><c>AddDashboard</c>: serve the web dashboard from the app host.</summary>
public static class DashboardBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard on 127.0.0.1 while the app runs and prints its login link at start. After
    /// <c>app.StartAsync()</c>, <c>app.Services.GetRequiredService&lt;DashboardServer&gt;().LoginUrl</c> is the link.
    /// Registers an <see cref="InMemoryAuditEventSource"/> as <see cref="IAuditEventSource"/> unless one is registered.
    /// </summary>
    public static BottleApplicationBuilder AddDashboard(this BottleApplicationBuilder builder, DashboardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(options ?? new DashboardOptions());
        builder.Services.TryAddSingleton<InMemoryAuditEventSource>();
        builder.Services.TryAddSingleton<IAuditEventSource>(sp => sp.GetRequiredService<InMemoryAuditEventSource>());
        builder.Services.AddSingleton<DashboardServer>();
        // First among the hosted services: the host stops them in reverse order, so the dashboard is stopped
        // last and open pages still see every resource reach Stopping and Exited.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<DashboardServer>()));
        return builder;
    }
}

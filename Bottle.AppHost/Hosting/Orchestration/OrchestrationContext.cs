using Bottle.AppHost.Hosting.Eventing;
using Bottle.AppHost.Hosting.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>The services every resource controller of one orchestrator shares.</summary>
internal sealed record OrchestrationContext(
    ResourceNotificationService Notifications,
    ResourceLoggerService Logs,
    BottleEventing Eventing,
    HealthCheckService HealthChecks,
    TimeProvider TimeProvider,
    BottleHostingOptions Options,
    IServiceProvider Services,
    ILogger Logger);

using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Dashboard.Web;

/// <summary>The app host's services the dashboard's endpoints read from (the same ones the CLI view reads).</summary>
internal sealed record DashboardContext(
    BottleApplicationModel Model,
    ResourceNotificationService Notifications,
    ResourceLoggerService Logs,
    ApplicationOrchestrator Orchestrator,
    IAuditEventSource Audit,
    string BottleName,
    string? PlanJson,
    CancellationToken Stopping);

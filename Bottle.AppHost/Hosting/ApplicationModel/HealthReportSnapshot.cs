using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The latest result of one health check of a resource.</summary>
/// <param name="Name">The health check key.</param>
/// <param name="Status">The status, or null while the check has not run yet.</param>
/// <param name="Description">What the check said.</param>
/// <param name="ExceptionText">The exception the check threw, if any.</param>
public sealed record HealthReportSnapshot(string Name, HealthStatus? Status, string? Description, string? ExceptionText);

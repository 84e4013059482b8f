namespace Bottle.AppHost.Dashboard.Audit;

/// <summary>One decision of a sidecar about one request, as the Egress page shows it.</summary>
/// <param name="Timestamp">When the sidecar decided.</param>
/// <param name="Sidecar">Which sidecar decided: <c>pipelock</c>, <c>egress</c> or <c>git-gate</c>.</param>
/// <param name="Decision">Allowed, denied, or stopped by DLP.</param>
/// <param name="Method">The HTTP method (or <c>CONNECT</c>, <c>git-push</c>).</param>
/// <param name="Host">The host asked for.</param>
/// <param name="Path">The path asked for, if any.</param>
/// <param name="Reason">Why, in words an operator understands.</param>
/// <param name="Rule">The policy rule that matched, if any.</param>
public sealed record AuditEvent(
    DateTimeOffset Timestamp,
    string Sidecar,
    AuditDecision Decision,
    string Method,
    string Host,
    string? Path,
    string? Reason,
    string? Rule);

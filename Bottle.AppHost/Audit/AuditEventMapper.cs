using Bottle.AppHost.Dashboard.Audit;
using SidecarAuditEvent = Bottle.Sidecars.Audit.AuditEvent;

namespace Bottle.AppHost.Audit;

/// <summary>
/// Turns the sidecars' audit record (<see cref="SidecarAuditEvent"/>, one JSON line each) into the row the
/// dashboard's Egress page shows. The sidecar record stays the one source of truth; this is only its view.
/// </summary>
public static class AuditEventMapper
{
    /// <summary>
    /// The Egress page's row for <paramref name="auditEvent"/>: a request with DLP findings is <see cref="AuditDecision.Dlp"/>
    /// whatever else was decided; a decision value this version does not know shows as <see cref="AuditDecision.Error"/>
    /// with the value in the reason, so it is seen rather than dropped.
    /// </summary>
    public static AuditEvent ToView(SidecarAuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var (decision, reason) = auditEvent switch
        {
            { FindingIds.Count: > 0 } => (AuditDecision.Dlp, Join(auditEvent.Reason, $"findings: {string.Join(", ", auditEvent.FindingIds)}")),
            { Decision: SidecarAuditEvent.Allow } => (AuditDecision.Allow, auditEvent.Reason),
            { Decision: SidecarAuditEvent.Deny } => (AuditDecision.Deny, auditEvent.Reason),
            { Decision: SidecarAuditEvent.Error } => (AuditDecision.Error, auditEvent.Reason),
            _ => (AuditDecision.Error, Join($"unknown decision '{auditEvent.Decision}'", auditEvent.Reason)),
        };
        var host = auditEvent.Port is 443 or 80 or 0 ? auditEvent.Host : $"{auditEvent.Host}:{auditEvent.Port}";
        return new AuditEvent(
            auditEvent.Time,
            auditEvent.Sidecar,
            decision,
            auditEvent.Method,
            host,
            string.IsNullOrEmpty(auditEvent.Path) ? null : auditEvent.Path,
            reason,
            auditEvent.Rule);
    }

    private static string Join(string? first, string? second) => (string.IsNullOrEmpty(first), string.IsNullOrEmpty(second)) switch
    {
        (true, _) => second ?? string.Empty,
        (false, true) => first!,
        _ => $"{first} ({second})",
    };
}

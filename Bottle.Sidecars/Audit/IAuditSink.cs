namespace Bottle.Sidecars.Audit;

/// <summary>Where a sidecar's audit events go: the <see cref="AuditWriter"/> (file and stdout) in a bottle, a list in tests.</summary>
public interface IAuditSink
{
    /// <summary>Records one event. Never blocks the request path and never throws for its own I/O trouble; safe to call concurrently.</summary>
    void Write(AuditEvent auditEvent);
}

namespace Bottle.Sidecars.Egress.Audit;

/// <summary>Where egress audit events go (the audit JSONL file in a bottle; a list in tests).</summary>
public interface IEgressAuditSink
{
    /// <summary>Records one event. Must not throw for I/O trouble of its own; must be safe to call concurrently.</summary>
    void Write(EgressAuditEvent auditEvent);
}

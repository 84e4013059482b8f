using System.Collections.Concurrent;
using Bottle.Sidecars.Egress.Audit;

namespace Bottle.Tests.Integration.Egress;

/// <summary>Keeps every audit event and its JSON line as the file sink would write it.</summary>
public sealed class CapturingAuditSink : IEgressAuditSink
{
    public ConcurrentQueue<EgressAuditEvent> Events { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public void Write(EgressAuditEvent auditEvent)
    {
        Events.Enqueue(auditEvent);
        Lines.Enqueue(JsonLinesEgressAuditSink.Format(auditEvent));
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Bottle.Sidecars.Audit;

namespace Bottle.Tests.Integration.Egress;

/// <summary>Keeps every audit event, and its JSON line as the audit writer would format it, for assertions.</summary>
public sealed class CapturingAuditSink : IAuditSink
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public void Write(AuditEvent auditEvent)
    {
        Events.Enqueue(auditEvent);
        Lines.Enqueue(JsonSerializer.Serialize(auditEvent, AuditJsonContext.Default.AuditEvent));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Egress.Audit;

/// <summary>Writes each event as one camelCase JSON line to a text writer, flushed per line so a crash loses nothing.</summary>
public sealed class JsonLinesEgressAuditSink(TextWriter writer) : IEgressAuditSink
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock gate = new();

    /// <summary>Serialises one event to a single line of JSON.</summary>
    public static string Format(EgressAuditEvent auditEvent) => JsonSerializer.Serialize(auditEvent, Options);

    /// <inheritdoc />
    public void Write(EgressAuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var line = Format(auditEvent);
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}

using System.Text.Json;

namespace Bottle.AppHost.Testing;

/// <summary>
/// One line of a bottle's <c>audit.jsonl</c>. The sidecars write slightly different shapes (pipelock says
/// <c>deny</c>, egress <c>block</c> with a <c>category</c>); the common fields are lifted out and the whole line is in <see cref="Raw"/>.
/// </summary>
/// <param name="Time">When the sidecar decided, if the line says.</param>
/// <param name="Sidecar"><c>pipelock</c>, <c>egress</c> or <c>git-gate</c>.</param>
/// <param name="Decision"><c>allow</c>, <c>deny</c>, <c>block</c> or <c>error</c>, as written.</param>
/// <param name="Method">The HTTP method, <c>CONNECT</c> or a git verb.</param>
/// <param name="Host">The destination host.</param>
/// <param name="Path">The (redacted) path.</param>
/// <param name="Reason">The deny reason or error.</param>
/// <param name="Rule">The policy or DLP rule involved.</param>
/// <param name="Raw">The whole line.</param>
public sealed record BottleAuditEvent(
    DateTimeOffset? Time,
    string Sidecar,
    string Decision,
    string? Method,
    string? Host,
    string? Path,
    string? Reason,
    string? Rule,
    JsonElement Raw)
{
    /// <summary>True when the request was refused (pipelock's <c>deny</c> or egress's <c>block</c>).</summary>
    public bool IsDenied => Decision is "deny" or "block";

    /// <summary>Reads one JSON line.</summary>
    /// <exception cref="JsonException">The line is not a JSON object.</exception>
    public static BottleAuditEvent Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"an audit line must be a JSON object, not {root.ValueKind}");
        }

        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new BottleAuditEvent(
            root.TryGetProperty("time", out var time) && time.TryGetDateTimeOffset(out var when) ? when : null,
            Text("sidecar") ?? string.Empty,
            Text("decision") ?? string.Empty,
            Text("method"),
            Text("host"),
            Text("path"),
            Text("reason"),
            Text("rule"),
            root.Clone());
    }
}

using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Audit;

/// <summary>Source-generated JSON for audit lines (camelCase, one line each, no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(AuditEvent))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;

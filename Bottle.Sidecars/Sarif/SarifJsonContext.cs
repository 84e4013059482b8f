using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Sarif;

/// <summary>Source-generated JSON for SARIF logs: camelCase, absent (not null) optional fields, indented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SarifLog))]
internal sealed partial class SarifJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// Source-generated JSON for egress (the trimmed sidecar image has no reflection-based serializer): the credentials
/// file, deny bodies and the admin endpoints' answers, in the web defaults minimal APIs used before (camelCase).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(EgressRefusal))]
[JsonSerializable(typeof(EgressStatus))]
[JsonSerializable(typeof(EgressMetricsSnapshot))]
internal sealed partial class EgressJsonContext : JsonSerializerContext;

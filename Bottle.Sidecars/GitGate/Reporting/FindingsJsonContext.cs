using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.GitGate.Reporting;

/// <summary>Source-generated JSON for <c>findings.json</c> (web defaults: camelCase; indented for people reading it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(List<RecordedFinding>))]
internal sealed partial class FindingsJsonContext : JsonSerializerContext;

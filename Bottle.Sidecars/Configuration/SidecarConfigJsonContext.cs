using System.Text.Json.Serialization;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// Source-generated metadata for the sidecar config records, so reading a config needs no reflection (the trimmed
/// sidecar image has none). The shape itself (naming, indentation, enum and host-pattern converters) comes from
/// <see cref="SidecarConfigJson.Options"/>, which uses this context as its only resolver: a type not listed here
/// fails loudly instead of falling back to reflection.
/// </summary>
[JsonSourceGenerationOptions(Converters = [typeof(HostPatternJsonConverter), typeof(IPNetworkJsonConverter)])]
[JsonSerializable(typeof(PipelockConfig))]
[JsonSerializable(typeof(EgressConfig))]
[JsonSerializable(typeof(GitGateConfig))]
[JsonSerializable(typeof(EgressRule))]
internal sealed partial class SidecarConfigJsonContext : JsonSerializerContext;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// The one JSON shape of sidecar configs (and of plans that embed them): camelCase, indented, enums as camelCase
/// strings, host patterns and CIDRs as their text. JSON is also valid YAML, so these files can be read either way.
/// </summary>
public static class SidecarConfigJson
{
    /// <summary>Serializer options for writing and reading sidecar configs.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises <paramref name="config"/> as indented JSON.</summary>
    public static string Serialize<T>(T config) => JsonSerializer.Serialize(config, TypeInfo<T>());

    /// <summary>Reads a config; throws <see cref="JsonException"/> with the position of the first problem.</summary>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"expected a {typeof(T).Name}, found null");
    }

    // Source-generated metadata only (SidecarConfigJsonContext): a type it does not list throws NotSupportedException.
    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            // Configs and plans are read by people and by our own readers, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            IndentSize = 2,
            NewLine = "\n",
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = SidecarConfigJsonContext.Default,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new HostPatternJsonConverter());
        options.Converters.Add(new IPNetworkJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}

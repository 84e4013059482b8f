using System.Text.Json;
using System.Text.Json.Serialization;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>Writes a <see cref="HostPattern"/> as its text and reads it back through <see cref="HostPattern.TryParse"/>.</summary>
internal sealed class HostPatternJsonConverter : JsonConverter<HostPattern>
{
    public override HostPattern Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        HostPattern.TryParse(reader.GetString(), out var pattern, out var error) ? pattern : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, HostPattern value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

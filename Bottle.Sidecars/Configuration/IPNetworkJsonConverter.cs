using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Configuration;

/// <summary>Writes an <see cref="IPNetwork"/> as CIDR text (<c>10.0.0.0/8</c>) and reads it back strictly.</summary>
internal sealed class IPNetworkJsonConverter : JsonConverter<IPNetwork>
{
    public override IPNetwork Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPNetwork.TryParse(reader.GetString(), out var network)
            ? network
            : throw new JsonException($"'{reader.GetString()}' is not a CIDR (e.g. 10.0.0.0/8)");

    public override void Write(Utf8JsonWriter writer, IPNetwork value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

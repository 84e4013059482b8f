using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Configuration;

/// <summary>Writes an <see cref="IPNetwork"/> as CIDR text (<c>10.0.0.0/8</c>) and reads it back strictly (no host bits).</summary>
internal sealed class IPNetworkJsonConverter : JsonConverter<IPNetwork>
{
    public override IPNetwork Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        // IPNetwork quietly masks '10.0.0.1/8' to 10.0.0.0/8; an author who wrote that may have meant one host, so refuse.
        return IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text!.Split('/')[0], out var written) && written.Equals(network.BaseAddress)
            ? network
            : throw new JsonException($"'{text}' is not an address range like 10.0.0.0/8 (host bits must be zero)");
    }

    public override void Write(Utf8JsonWriter writer, IPNetwork value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

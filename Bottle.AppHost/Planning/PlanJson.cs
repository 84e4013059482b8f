using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Planning;

/// <summary>The plan's JSON form: the sidecar-config JSON conventions (camelCase, indented, LF), properties in declaration order.</summary>
public static class PlanJson
{
    // The sidecar-config shape with the reflection resolver: the plan types live here, in the (untrimmed) CLI, and
    // SidecarConfigJson.Options resolves only the sidecars' own records (source-generated for the trimmed image).
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The plan as JSON text, ending with a newline. Equal plans give byte-identical text.</summary>
    public static string Serialize(BottlePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(plan, Options) + "\n";
    }

    /// <summary>Reads a plan written by <see cref="Serialize"/>.</summary>
    public static BottlePlan Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<BottlePlan>(json, Options) ?? throw new JsonException($"expected a {nameof(BottlePlan)}, found null");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SidecarConfigJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.MakeReadOnly();
        return options;
    }
}

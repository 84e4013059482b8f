using System.Text.Json;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Planning;

/// <summary>The plan's JSON form: the sidecar-config JSON conventions (camelCase, indented, LF), properties in declaration order.</summary>
public static class PlanJson
{
    /// <summary>The plan as JSON text, ending with a newline. Equal plans give byte-identical text.</summary>
    public static string Serialize(BottlePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(plan, SidecarConfigJson.Options) + "\n";
    }

    /// <summary>Reads a plan written by <see cref="Serialize"/>.</summary>
    public static BottlePlan Deserialize(string json) => SidecarConfigJson.Deserialize<BottlePlan>(json);
}

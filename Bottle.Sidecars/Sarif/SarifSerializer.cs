using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Sarif;

/// <summary>Writes SARIF logs as SARIF expects them: camelCase properties, absent (not null) optional fields.</summary>
public static class SarifSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Serialises <paramref name="log"/> to JSON text.</summary>
    public static string Serialize(SarifLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return JsonSerializer.Serialize(log, Options);
    }
}

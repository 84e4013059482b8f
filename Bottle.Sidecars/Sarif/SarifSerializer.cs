using System.Text.Json;

namespace Bottle.Sidecars.Sarif;

/// <summary>Writes SARIF logs as SARIF expects them: camelCase properties, absent (not null) optional fields.</summary>
public static class SarifSerializer
{
    /// <summary>Serialises <paramref name="log"/> to JSON text.</summary>
    public static string Serialize(SarifLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return JsonSerializer.Serialize(log, SarifJsonContext.Default.SarifLog);
    }
}

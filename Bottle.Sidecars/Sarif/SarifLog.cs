using System.Text.Json.Serialization;

namespace Bottle.Sidecars.Sarif;

/// <summary>A SARIF 2.1.0 log: the top-level object of a <c>.sarif</c> file.</summary>
/// <param name="Runs">The tool runs the log holds.</param>
public sealed record SarifLog(IReadOnlyList<SarifRun> Runs)
{
    /// <summary>The schema URI of SARIF 2.1.0.</summary>
    [JsonPropertyName("$schema")]
    public string Schema { get; init; } = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The SARIF version.</summary>
    public string Version { get; init; } = "2.1.0";
}

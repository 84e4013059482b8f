using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// <c>metadata.json</c> in a bottle's state directory: what was launched and by whom, everything cleanup
/// needs without the manifest (project, file, networks, containers) and how to tell whether the app host lives.
/// </summary>
/// <param name="Slug">The bottle's slug.</param>
/// <param name="Name">The bottle name.</param>
/// <param name="ComposeProject">The Compose project name.</param>
/// <param name="ComposeFile">The Compose file (absolute).</param>
/// <param name="StateDirectory">The state directory (absolute).</param>
/// <param name="Networks">The Docker networks created for the bottle.</param>
/// <param name="Containers">The container names, by service.</param>
/// <param name="AgentCommand">The agent's command, for <c>attach</c> (empty: a login shell).</param>
/// <param name="AgentWorkdir">The agent's working directory.</param>
/// <param name="AppHostPid">The process id of the app host that launched the bottle.</param>
/// <param name="AppHostStartedAt">When that process started (a reused pid has another start time).</param>
/// <param name="Detached">True when the bottle was meant to outlive its app host (<c>up --detach</c>).</param>
/// <param name="CreatedAt">When the bottle was launched.</param>
public sealed record BottleMetadata(
    string Slug,
    string Name,
    string ComposeProject,
    string ComposeFile,
    string StateDirectory,
    IReadOnlyList<string> Networks,
    IReadOnlyDictionary<string, string> Containers,
    IReadOnlyList<string> AgentCommand,
    string AgentWorkdir,
    int AppHostPid,
    DateTimeOffset AppHostStartedAt,
    bool Detached,
    DateTimeOffset CreatedAt)
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "metadata.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Reads <c>metadata.json</c> from <paramref name="stateDirectory"/>; null when there is none or it cannot be read.</summary>
    public static BottleMetadata? TryRead(string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        try
        {
            return JsonSerializer.Deserialize<BottleMetadata>(File.ReadAllText(Path.Combine(stateDirectory, FileName)), Options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

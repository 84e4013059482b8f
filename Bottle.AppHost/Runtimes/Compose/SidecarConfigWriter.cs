using Bottle.AppHost.Planning;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Renders each sidecar's config from a plan and writes it to <c>config/&lt;role&gt;/&lt;role&gt;.yaml</c> in the state
/// directory, atomically (<see cref="StateFiles"/>: temp + rename). The folder, not the file, is bind-mounted into
/// the sidecar, so a config renamed into place is what the sidecar reads when it reloads. <c>up</c> and <c>apply</c>
/// both write through here.
/// </summary>
public static class SidecarConfigWriter
{
    /// <summary>0755: a config folder; the non-root sidecar user must be able to list it through the mount.</summary>
    private const UnixFileMode ConfigFolderMode = StateFiles.PrivateDirectory
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Each sidecar of <paramref name="plan"/> with its config as the text written to its file (JSON, which is valid YAML).</summary>
    public static IReadOnlyList<(SidecarPlan Sidecar, string Text)> Render(BottlePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Sidecars.Select(s => (s, Serialize(plan.Configs, s.Role) + "\n"))];
    }

    /// <summary>The absolute path of <paramref name="sidecar"/>'s config file under <paramref name="stateDirectory"/>.</summary>
    public static string PathOf(SidecarPlan sidecar, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(sidecar);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        return Path.GetFullPath(sidecar.ConfigFile, stateDirectory);
    }

    /// <summary>Writes every sidecar's config of <paramref name="plan"/> into <paramref name="stateDirectory"/>.</summary>
    public static void Write(BottlePlan plan, string stateDirectory)
    {
        foreach (var (sidecar, text) in Render(plan))
        {
            Write(sidecar, text, stateDirectory);
        }
    }

    /// <summary>Writes one sidecar's config <paramref name="text"/> atomically, creating its folder if needed.</summary>
    public static void Write(SidecarPlan sidecar, string text, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = PathOf(sidecar, stateDirectory);
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, ConfigFolderMode);
            File.SetUnixFileMode(folder, ConfigFolderMode);
        }

        StateFiles.WriteText(path, text, StateFiles.Public);
    }

    private static string Serialize(SidecarConfigSet configs, string role) => role switch
    {
        "pipelock" => SidecarConfigJson.Serialize(configs.Pipelock),
        "egress" => SidecarConfigJson.Serialize(configs.Egress),
        "git-gate" => SidecarConfigJson.Serialize(configs.GitGate),
        _ => throw new InvalidOperationException($"the plan has a sidecar '{role}' that has no config (expected pipelock, egress or git-gate)"),
    };
}

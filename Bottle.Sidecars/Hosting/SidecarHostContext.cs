using Bottle.Sidecars.Configuration;

namespace Bottle.Sidecars.Hosting;

/// <summary>What the host tells every role at start-up.</summary>
/// <param name="RoleName">The role given on the command line (<c>all</c> when several roles share the process).</param>
/// <param name="ConfigPath">The <c>--config</c> file, already checked to exist; null when none was given.</param>
/// <param name="AdminPort">The port of the admin endpoint (<c>/health</c>, <c>/alive</c>); roles must not bind it.</param>
public sealed record SidecarHostContext(string RoleName, string? ConfigPath, int AdminPort)
{
    /// <summary>
    /// Reads the role's contract record from <see cref="ConfigPath"/> (or, when that is a folder, from its
    /// <c>&lt;role&gt;.yaml</c>, as <c>all</c> runs with the folder the launch mounts); throws <see cref="SidecarConfigException"/>
    /// (file and place named) when there is none or it cannot be used, so the role never starts without its config.
    /// </summary>
    public T LoadConfig<T>(string role)
        where T : class =>
        ConfigPath is null
            ? throw new SidecarConfigException($"the {role} role needs its config: --config FILE (a {typeof(T).Name})")
            : SidecarConfigFile.Load<T>(ConfigFileFor(role));

    /// <summary>The config file of <paramref name="role"/>: <see cref="ConfigPath"/> itself, or <c>&lt;role&gt;.yaml</c> in it when it is a folder.</summary>
    public string ConfigFileFor(string role) =>
        ConfigPath is not null && Directory.Exists(ConfigPath) ? Path.Combine(ConfigPath, role + ".yaml") : ConfigPath ?? "";
}

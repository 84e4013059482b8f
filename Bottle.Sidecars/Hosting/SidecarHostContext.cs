using Bottle.Sidecars.Configuration;

namespace Bottle.Sidecars.Hosting;

/// <summary>What the host tells every role at start-up.</summary>
/// <param name="RoleName">The role given on the command line (<c>all</c> when several roles share the process).</param>
/// <param name="ConfigPath">The <c>--config</c> file, already checked to exist; null when none was given.</param>
/// <param name="AdminPort">The port of the admin endpoint (<c>/health</c>, <c>/alive</c>); roles must not bind it.</param>
public sealed record SidecarHostContext(string RoleName, string? ConfigPath, int AdminPort)
{
    /// <summary>
    /// Reads the role's contract record from <see cref="ConfigPath"/>; throws <see cref="SidecarConfigException"/>
    /// (file and place named) when there is none or it cannot be used, so the role never starts without its config.
    /// </summary>
    public T LoadConfig<T>(string role)
        where T : class =>
        ConfigPath is null
            ? throw new SidecarConfigException($"the {role} role needs its config: --config FILE (a {typeof(T).Name})")
            : SidecarConfigFile.Load<T>(ConfigPath);
}

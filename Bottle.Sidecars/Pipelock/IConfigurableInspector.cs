using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Proxy;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// A request inspector whose settings come from the pipelock config (DLP mode, cap, patterns, placeholders).
/// <see cref="PipelockServer"/> calls <see cref="Apply"/> on every load and reload <em>before</em> the new rules go
/// in force, so a config the inspector cannot use is rejected as a whole and the old policy and inspector stay.
/// </summary>
public interface IConfigurableInspector : IRequestInspector
{
    /// <summary>Builds the inspector's state for <paramref name="config"/> and swaps it in; throws <see cref="SidecarConfigException"/> and keeps the old state when it cannot.</summary>
    void Apply(PipelockConfig config);
}

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// One role's contribution to the admin endpoint's <c>/metrics</c> (Prometheus text). Roles register one each;
/// the host serves them all, so <c>all</c> shows every role's metrics on one page.
/// </summary>
/// <param name="Role">The role the metrics belong to.</param>
/// <param name="Render">Renders the metrics now, in Prometheus text exposition format.</param>
public sealed record SidecarMetricsSource(string Role, Func<string> Render);

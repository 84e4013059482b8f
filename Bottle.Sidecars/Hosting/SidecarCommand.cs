namespace Bottle.Sidecars.Hosting;

/// <summary>What a <c>bottle-sidecars</c> invocation asks for.</summary>
public enum SidecarCommand
{
    /// <summary>Run one role (or <c>all</c>) until SIGTERM.</summary>
    Serve,

    /// <summary>Ask a running sidecar's admin endpoint for <c>/health</c>; exit 0 when healthy (a container healthcheck).</summary>
    Probe,

    /// <summary>Print usage and exit 0.</summary>
    Help,

    /// <summary>
    /// Tunnel stdin/stdout through an HTTP CONNECT proxy (egress) to a host and port: git-gate's ssh
    /// <c>ProxyCommand</c>, so ssh reaches the real remote only through egress.
    /// </summary>
    Connect,
}

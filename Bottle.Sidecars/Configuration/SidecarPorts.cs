namespace Bottle.Sidecars.Configuration;

/// <summary>The fixed ports the sidecars listen on inside a bottle.</summary>
public static class SidecarPorts
{
    /// <summary>pipelock's HTTP(S) proxy port, the agent's <c>HTTP_PROXY</c>.</summary>
    public const int PipelockProxy = 3128;

    /// <summary>egress's proxy port, used by pipelock and git-gate.</summary>
    public const int EgressProxy = 3129;

    /// <summary>git-gate's smart-HTTP port, the agent's git remote.</summary>
    public const int GitGateHttp = 8080;

    /// <summary>Every sidecar's admin port (<c>/health</c>, <c>/metrics</c>).</summary>
    public const int Admin = 9901;
}

namespace Bottle.AppHost.Manifest;

/// <summary>Where the agent runs.</summary>
public enum BottleRuntime
{
    /// <summary>A Docker container on internal networks (the default).</summary>
    Docker,

    /// <summary>A smolvm microVM; the sidecars run in Docker on the host.</summary>
    Smolvm,
}

namespace Bottle.AppHost.Planning;

/// <summary>A bind mount into a container.</summary>
/// <param name="Source">A host path: absolute, or relative to the bottle's state directory (e.g. <c>ca.pem</c>).</param>
/// <param name="Target">The path inside the container.</param>
/// <param name="ReadOnly">True for read-only mounts.</param>
public sealed record MountPlan(string Source, string Target, bool ReadOnly);

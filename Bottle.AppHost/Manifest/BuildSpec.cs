namespace Bottle.AppHost.Manifest;

/// <summary>How to build the agent image (manifest <c>agent.build</c>).</summary>
/// <param name="Context">The build context, an absolute path (the manifest's is relative to the manifest's folder).</param>
/// <param name="Dockerfile">The Dockerfile, relative to the context (default <c>Dockerfile</c>).</param>
public sealed record BuildSpec(string Context, string Dockerfile);

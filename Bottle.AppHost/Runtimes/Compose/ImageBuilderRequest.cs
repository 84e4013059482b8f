namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>An image to build from a staged, self-contained build context.</summary>
/// <param name="Repository">The image repository, e.g. <c>bottle-sidecars</c>; the tag is derived from the content hash.</param>
/// <param name="ContextDirectory">The build context: a <c>Dockerfile</c> at its root and everything it copies, nothing else.</param>
public sealed record ImageBuilderRequest(string Repository, string ContextDirectory);

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>What <c>docker logs --timestamps</c> printed for one container.</summary>
/// <param name="Container">The container's name (the prefix of its lines in <c>compose.log</c>).</param>
/// <param name="StdOut">The container's stdout lines, each starting with its timestamp.</param>
/// <param name="StdErr">The container's stderr lines, each starting with its timestamp.</param>
public sealed record ContainerLog(string Container, string StdOut, string StdErr);

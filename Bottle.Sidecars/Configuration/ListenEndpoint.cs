namespace Bottle.Sidecars.Configuration;

/// <summary>An address and port a sidecar listens on (an IP literal on one of the bottle's networks, or <c>0.0.0.0</c>).</summary>
/// <param name="Address">The IP address to bind.</param>
/// <param name="Port">The TCP port to bind.</param>
public sealed record ListenEndpoint(string Address, int Port)
{
    /// <inheritdoc />
    public override string ToString() => $"{Address}:{Port}";
}

using System.Net;
using System.Net.Sockets;

namespace Bottle.Sidecars.Net;

/// <summary>Opens a TCP connection to one already-vetted address. The seam under <see cref="GuardedDialer"/>.</summary>
public interface ISocketConnector
{
    /// <summary>Connects to exactly <paramref name="endPoint"/> and returns the connected socket.</summary>
    ValueTask<Socket> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken);
}

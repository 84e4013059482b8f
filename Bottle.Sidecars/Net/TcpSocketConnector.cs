using System.Net;
using System.Net.Sockets;

namespace Bottle.Sidecars.Net;

/// <summary>Connects a plain TCP socket (no delay, as the proxy path writes whole frames).</summary>
public sealed class TcpSocketConnector : ISocketConnector
{
    /// <inheritdoc />
    public async ValueTask<Socket> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

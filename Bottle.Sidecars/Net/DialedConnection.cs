using System.Net;
using System.Net.Sockets;

namespace Bottle.Sidecars.Net;

/// <summary>A connection opened by <see cref="GuardedDialer"/>: the socket and the address that was actually dialled.</summary>
/// <param name="Socket">The connected socket; the caller owns it.</param>
/// <param name="RemoteEndPoint">The vetted address and port the socket is connected to.</param>
public sealed record DialedConnection(Socket Socket, IPEndPoint RemoteEndPoint);

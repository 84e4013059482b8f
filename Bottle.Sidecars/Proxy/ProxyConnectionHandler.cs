using Microsoft.AspNetCore.Connections;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// Kestrel's entry into the proxy: each accepted connection becomes a <see cref="ProxySession"/> over the
/// connection's pipes (Kestrel does the socket work; we own the HTTP/1.1 parsing).
/// </summary>
internal sealed class ProxyConnectionHandler(ProxyServices services) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        new ProxySession(services, connection.ConnectionClosed).RunAsync(connection.Transport.Input, connection.Transport.Output, tunnel: null);
}

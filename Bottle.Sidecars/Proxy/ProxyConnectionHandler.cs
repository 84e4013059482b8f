using Microsoft.AspNetCore.Connections;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// Kestrel's entry into the proxy: each accepted connection becomes a <see cref="ProxySession"/> over the
/// connection's pipes (Kestrel does the socket work; we own the HTTP/1.1 parsing).
/// </summary>
internal sealed class ProxyConnectionHandler(ProxyServices services) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        // A session ends when its client goes or when the server stops, whichever comes first.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, services.Stopping);
        await new ProxySession(services, closed.Token).RunAsync(connection.Transport.Input, connection.Transport.Output, tunnel: null);
    }
}

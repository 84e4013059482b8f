using System.Net;
using System.Security.Authentication;

namespace Bottle.Sidecars.Egress.Upstream;

/// <summary>What egress knows about one upstream connection: the address actually dialled and the TLS it negotiated.</summary>
/// <param name="RemoteEndPoint">The vetted address and port.</param>
/// <param name="TlsProtocol">The negotiated protocol; <see cref="SslProtocols.None"/> for plain TCP.</param>
public sealed record UpstreamConnectionInfo(IPEndPoint RemoteEndPoint, SslProtocols TlsProtocol)
{
    /// <summary>The protocol as audit text (<c>TLSv1.3</c>), or null for plain TCP.</summary>
    public string? TlsVersion => TlsProtocol switch
    {
        SslProtocols.None => null,
        SslProtocols.Tls12 => "TLSv1.2",
        SslProtocols.Tls13 => "TLSv1.3",
        var other => other.ToString(),
    };
}

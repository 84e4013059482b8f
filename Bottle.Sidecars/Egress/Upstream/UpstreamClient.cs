using System.Net.Security;
using System.Security.Authentication;
using Bottle.Sidecars.Net;

namespace Bottle.Sidecars.Egress.Upstream;

/// <summary>
/// Pooled HTTP/1.1 connections to upstreams for one policy generation. Every connection is opened by the
/// <see cref="GuardedDialer"/> (so every address is vetted when it is dialled) and, for https, wrapped in TLS
/// here rather than by the handler, so egress sees the negotiated protocol and applies <see cref="UpstreamTrust"/>.
/// The https handler is therefore addressed with <c>http://</c> URIs: it never speaks plaintext on the wire.
/// </summary>
public sealed class UpstreamClient : IDisposable
{
    private readonly HttpMessageInvoker tls;
    private readonly HttpMessageInvoker plain;

    /// <summary>Creates the two pools (TLS and plain) for one generation.</summary>
    public UpstreamClient(GuardedDialer dialer, DialPolicy policy, UpstreamTrust trust, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trust);
        tls = new HttpMessageInvoker(CreateHandler(dialer, policy, trust, connectTimeout, useTls: true));
        plain = new HttpMessageInvoker(CreateHandler(dialer, policy, trust, connectTimeout, useTls: false));
    }

    /// <summary>
    /// Sends <paramref name="request"/> (its URI already in the form the pool expects: see <see cref="PoolUri"/>)
    /// over TLS when <paramref name="useTls"/>, returning once response headers arrive.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool useTls, CancellationToken cancellationToken) =>
        (useTls ? tls : plain).SendAsync(request, cancellationToken);

    /// <summary>The URI to address the pool with: the destination with scheme <c>http</c> and an explicit port.</summary>
    public static Uri PoolUri(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return new UriBuilder(destination) { Scheme = Uri.UriSchemeHttp, Port = destination.Port }.Uri;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        tls.Dispose();
        plain.Dispose();
    }

    private static SocketsHttpHandler CreateHandler(GuardedDialer dialer, DialPolicy policy, UpstreamTrust trust, TimeSpan connectTimeout, bool useTls) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = connectTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var dialed = await dialer.DialAsync(host, context.DnsEndPoint.Port, policy, cancellationToken);
            var network = new System.Net.Sockets.NetworkStream(dialed.Socket, ownsSocket: true);
            if (!useTls)
            {
                return new ObservedStream(network, new UpstreamConnectionInfo(dialed.RemoteEndPoint, SslProtocols.None));
            }

            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        // SNI and the name checked in the certificate are the request's host, which egress has
                        // already required to equal the Host header and the matched rule.
                        TargetHost = host,
                        ApplicationProtocols = [SslApplicationProtocol.Http11],
                        RemoteCertificateValidationCallback = trust.Validate,
                    },
                    cancellationToken);
            }
            catch
            {
                await ssl.DisposeAsync();
                throw;
            }

            return new ObservedStream(ssl, new UpstreamConnectionInfo(dialed.RemoteEndPoint, ssl.SslProtocol));
        },
    };
}

using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// Sends allowed requests straight to their destination over one pooled <see cref="SocketsHttpHandler"/>:
/// HTTP/2 when the upstream offers it (ALPN), HTTP/1.1 otherwise; full certificate validation against the system
/// store (plus <see cref="DirectUpstreamOptions.ExtraTrustedCa"/>); names that resolve to loopback, private,
/// link-local or metadata addresses are refused unless the name is an explicit override.
/// </summary>
public sealed class DirectUpstreamConnector : IUpstreamConnector, IDisposable
{
    private readonly DirectUpstreamOptions _options;
    private readonly HttpMessageInvoker _invoker;

    /// <summary>Creates the connector and its connection pool.</summary>
    public DirectUpstreamConnector(DirectUpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null, // forward the agent's headers as they are, add none of ours
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <inheritdoc />
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _invoker.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();

    /// <summary>True for addresses no name may lead to: loopback, private, link-local, CGNAT, unique-local, metadata, unspecified.</summary>
    internal static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        IPEndPoint[] candidates;
        if (_options.HostOverrides.TryGetValue(host, out var fixedEndPoint))
        {
            candidates = [fixedEndPoint];
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            // Policy let this literal through only because a rule names its CIDR: connect as asked.
            candidates = [new IPEndPoint(literal, port)];
        }
        else
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            candidates = addresses.Where(a => !IsInternal(a)).Select(a => new IPEndPoint(a, port)).ToArray();
            if (candidates.Length == 0)
            {
                throw new HttpRequestException($"'{host}' resolves to no public address (internal addresses are never reached by name)");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        Exception? last = null;
        foreach (var endPoint in candidates)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, timeout.Token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = ex;
            }
        }

        throw new HttpRequestException($"cannot connect to '{host}:{port}': {last?.Message}", last);
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only a chain that fails against the system store may still pass, and only through the one extra CA;
        // a name mismatch or a missing certificate never passes.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || _options.ExtraTrustedCa is null || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_options.ExtraTrustedCa);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}

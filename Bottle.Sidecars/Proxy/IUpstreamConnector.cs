namespace Bottle.Sidecars.Proxy;

/// <summary>
/// Where pipelock sends the requests it allowed. The direct connector opens TCP+TLS to the destination itself;
/// an egress-chained connector hands them to the egress sidecar instead. Implementations must stream the request
/// content and return as soon as response headers arrive (the body is read by the proxy as it streams), must not
/// follow redirects, add cookies or decompress, and must validate upstream TLS fully.
/// </summary>
public interface IUpstreamConnector
{
    /// <summary>Sends <paramref name="request"/> (an absolute <c>http</c>/<c>https</c> URI) and returns the response headers.</summary>
    Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}

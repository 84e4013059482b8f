using System.Globalization;
using System.IO.Pipelines;
using Bottle.Sidecars.Egress.Upstream;

namespace Bottle.Sidecars.Egress.Http;

/// <summary>
/// An absolute-form request as pipelock sends it (<c>POST https://api.example.com/v1/x HTTP/1.1</c>), checked
/// for the things egress relies on: an http(s) target without user info, a path in canonical form, exactly one
/// Host header that names the same authority, and unambiguous body framing.
/// </summary>
internal sealed class ForwardedRequest
{
    private readonly HttpRequestHead head;
    private readonly bool chunked;

    private ForwardedRequest(HttpRequestHead head, Uri uri, long? contentLength, bool chunked)
    {
        this.head = head;
        Uri = uri;
        ContentLength = contentLength;
        this.chunked = chunked;
    }

    public Uri Uri { get; }

    /// <summary>The destination host, lower case, IPv6 literals without brackets.</summary>
    public string Host => Uri.HostNameType == UriHostNameType.IPv6 ? Uri.Host.Trim('[', ']') : Uri.Host;

    public bool IsHttps => Uri.Scheme == Uri.UriSchemeHttps;

    public long? ContentLength { get; }

    public static ForwardedRequest Parse(HttpRequestHead head)
    {
        if (!Uri.TryCreate(head.Target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new BadRequestException($"request target '{head.Target}' is not an absolute http(s) URL (egress takes absolute-form requests only)");
        }

        if (uri.UserInfo.Length > 0 || head.Target.Contains('#', StringComparison.Ordinal))
        {
            throw new BadRequestException($"request target for {uri.Host} carries user info or a fragment");
        }

        var rawPath = RawPath(head.Target);
        if (NonCanonicalPath(rawPath) is { } why)
        {
            throw new BadRequestException(why);
        }

        if (!string.Equals(rawPath, uri.AbsolutePath, StringComparison.Ordinal))
        {
            throw new BadRequestException($"path '{rawPath}' is not in canonical form (it would be sent as '{uri.AbsolutePath}')");
        }

        var hosts = head.Values("Host").ToList();
        if (hosts.Count != 1)
        {
            throw new BadRequestException($"request to {uri.Host} has {hosts.Count} Host headers; exactly one is required");
        }

        var explicitPort = $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        if (!hosts[0].Equals(uri.Authority, StringComparison.OrdinalIgnoreCase) && !hosts[0].Equals(explicitPort, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException($"Host header '{hosts[0]}' disagrees with the request target's authority '{uri.Authority}'");
        }

        var (contentLength, chunked) = Framing(head, uri.Host);
        return new ForwardedRequest(head, uri, contentLength, chunked);
    }

    /// <summary>The body stream, or null when the request has no body.</summary>
    public RequestBodyStream? OpenBody(PipeReader reader) => chunked
        ? RequestBodyStream.Chunked(reader)
        : ContentLength is > 0 ? RequestBodyStream.FixedLength(reader, ContentLength.Value) : null;

    /// <summary>The message for the upstream pool: end-to-end headers only (with injected values), the body as given.</summary>
    public HttpRequestMessage ToUpstreamMessage(IReadOnlyList<KeyValuePair<string, string>> headers, HttpContent? content)
    {
        var message = new HttpRequestMessage(new HttpMethod(head.Method), UpstreamClient.PoolUri(Uri))
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        message.Headers.Host = head.Values("Host").Single();
        var connectionTokens = head.Values("Connection").SelectMany(v => v.Split(',')).Select(t => t.Trim()).ToList();
        foreach (var (name, value) in headers)
        {
            if (HttpHeaderRules.IsHopByHop(name, connectionTokens) || message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Not a request header, so a content header: it needs a content to live on, even an empty one.
            message.Content ??= new ByteArrayContent([]);
            message.Content.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private static string RawPath(string target)
    {
        var authorityStart = target.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = target.IndexOf('/', authorityStart);
        if (pathStart < 0)
        {
            return "/";
        }

        var queryStart = target.IndexOf('?', pathStart);
        return queryStart < 0 ? target[pathStart..] : target[pathStart..queryStart];
    }

    private static (long? Length, bool Chunked) Framing(HttpRequestHead head, string host)
    {
        var encodings = head.Values("Transfer-Encoding").ToList();
        var lengths = head.Values("Content-Length").Distinct(StringComparer.Ordinal).ToList();
        if (encodings.Count > 0 && lengths.Count > 0)
        {
            throw new BadRequestException($"request to {host} has both Transfer-Encoding and Content-Length");
        }

        if (encodings.Count > 0)
        {
            if (encodings.Count != 1 || !encodings[0].Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequestException($"request to {host} has Transfer-Encoding '{string.Join(", ", encodings)}'; only 'chunked' is accepted");
            }

            return (null, true);
        }

        if (lengths.Count > 1)
        {
            throw new BadRequestException($"request to {host} has conflicting Content-Length headers");
        }

        if (lengths.Count == 0)
        {
            return (null, false);
        }

        if (!long.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new BadRequestException($"request to {host} has a malformed Content-Length '{lengths[0]}'");
        }

        return (length, false);
    }

    /// <summary>
    /// Null when <paramref name="path"/> is in canonical form, otherwise why not. Dot segments and encoded
    /// slashes, dots or backslashes would let a path pass a prefix check here and mean something else upstream.
    /// </summary>
    private static string? NonCanonicalPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            return $"path '{path}' does not start with '/'";
        }

        if (path.Contains('\\', StringComparison.Ordinal)
            || path.Contains("%2f", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%2e", StringComparison.OrdinalIgnoreCase))
        {
            return $"path '{path}' holds an encoded or backward slash or an encoded dot";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"path '{path}' holds a dot segment";
            }
        }

        return null;
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// pipelock's way out: every allowed request goes to egress as an absolute-form HTTP/1.1 request
/// (<c>POST https://api.example.com/v1/x HTTP/1.1</c>) over a pooled plain TCP connection on the sidecar network.
/// egress, not pipelock, resolves the name and opens (and validates) the real upstream TLS, so pipelock never dials
/// the outside. Bodies stream both ways; a body the inspector stops mid-way closes the link so egress never sees
/// a complete request. An unreachable egress is a 502 for the agent, never a bypass.
/// </summary>
public sealed class EgressUpstreamConnector : IUpstreamConnector, IAsyncDisposable
{
    private const int MaxResponseHeadBytes = 64 * 1024;
    private const int MaxIdleLinks = 64;

    // Hop-by-hop and framing headers: the connector writes its own Host and framing, and nothing the agent sent about its own connection.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length",
    };

    private readonly EndPoint _egress;
    private readonly TimeSpan _connectTimeout;
    private readonly ConcurrentStack<EgressLink> _idle = new();
    private int _disposed;

    /// <summary>Creates a connector that sends everything to <paramref name="egress"/>.</summary>
    public EgressUpstreamConnector(EndPoint egress, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(egress);
        _egress = egress;
        _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The connector for the config's <c>upstream</c> URL (<c>http://10.202.110.4:3129</c>).</summary>
    public static EgressUpstreamConnector FromUrl(string upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!Uri.TryCreate(upstream, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Port <= 0)
        {
            throw new ArgumentException($"upstream '{upstream}' is not egress's proxy URL (http://<address>:<port>)", nameof(upstream));
        }

        return new EgressUpstreamConnector(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.Host, uri.Port));
    }

    /// <inheritdoc />
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"request URI '{uri}' is not an absolute http(s) URI", nameof(request));
        }

        var link = TakeIdle() ?? await ConnectAsync(cancellationToken);
        var handedOver = false;
        try
        {
            var content = request.Content;
            var length = content?.Headers.ContentLength;
            var chunked = content is not null && length is null;
            // The head leaves with the first body bytes the inspector allowed, so a body denied at its first chunk
            // never shows egress even the request line.
            await using var headFirst = new HeadFirstStream(link.Stream, Head(request, uri, content, length, chunked));
            if (content is not null)
            {
                if (chunked)
                {
                    await using var framed = new ChunkedRequestStream(headFirst);
                    await content.CopyToAsync(framed, cancellationToken);
                    await framed.FinishAsync(cancellationToken);
                }
                else
                {
                    await content.CopyToAsync(headFirst, cancellationToken);
                }
            }

            await headFirst.EnsureHeadSentAsync(cancellationToken);

            var response = await ReadResponseAsync(link, request, cancellationToken);
            handedOver = true;
            return response;
        }
        catch (Exception ex) when (ex is SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"egress at {_egress} failed: {ex.Message}", ex);
        }
        finally
        {
            if (!handedOver)
            {
                await link.DisposeAsync();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryPop(out var link))
        {
            await link.DisposeAsync();
        }
    }

    private static byte[] Head(HttpRequestMessage request, Uri uri, HttpContent? content, long? length, bool chunked)
    {
        var authority = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        var sb = new StringBuilder(512);
        sb.Append(request.Method.Method).Append(' ').Append(uri.Scheme).Append("://").Append(authority).Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(authority).Append("\r\n");
        Append(sb, request.Headers);
        if (content is not null)
        {
            Append(sb, content.Headers);
            sb.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {length!.Value.ToString(CultureInfo.InvariantCulture)}\r\n");
        }

        if (request.Headers.TryGetValues("Upgrade", out var upgrade))
        {
            sb.Append("Connection: Upgrade\r\nUpgrade: ").Append(string.Join(", ", upgrade)).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(sb.Append("\r\n").ToString());
    }

    private static void Append(StringBuilder sb, System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (Skipped.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value.AsSpan().ContainsAny('\r', '\n'))
                {
                    throw new HttpRequestException($"header '{name}' holds a line break");
                }

                sb.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
    }

    private async Task<HttpResponseMessage> ReadResponseAsync(EgressLink link, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await ReadHeadAsync(link, cancellationToken);
            var (status, reason, headers) = (head.Status, head.Reason, head.Headers);
            if (status is >= 100 and < 200 && status != 101)
            {
                continue; // 100 Continue and friends: the real answer follows
            }

            var response = new HttpResponseMessage((HttpStatusCode)status) { ReasonPhrase = reason, Version = HttpVersion.Version11, RequestMessage = request };
            var contentHeaders = new List<KeyValuePair<string, string>>();
            foreach (var header in headers)
            {
                if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    contentHeaders.Add(header);
                }
            }

            Stream body;
            if (status == 101)
            {
                // An upgraded connection is the agent's to the end: it is never pooled again.
                body = new DuplexPipeStream(link.Reader, System.IO.Pipelines.PipeWriter.Create(link.Stream));
            }
            else
            {
                var chunked = head.HeaderContains("Transfer-Encoding", "chunked");
                var lengthText = head.Header("Content-Length");
                var hasLength = long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length);
                var noBody = request.Method == HttpMethod.Head || status is 204 or 304;
                var framing = noBody ? BodyFraming.None : chunked ? BodyFraming.Chunked : hasLength && length > 0 ? BodyFraming.ContentLength : BodyFraming.None;
                var untilClose = !noBody && !chunked && !hasLength;
                var keepAlive = !head.HeaderContains("Connection", "close");
                body = new EgressResponseBodyStream(link, framing, length, untilClose, keepAlive, Release);
            }

            response.Content = new StreamContent(body);
            foreach (var (name, value) in contentHeaders)
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }
    }

    private static async Task<HttpResponseHead> ReadHeadAsync(EgressLink link, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await link.Reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var end = FindHeadEnd(buffer);
            if (end >= 0)
            {
                var text = Encoding.Latin1.GetString(buffer.Slice(0, end).ToArray());
                link.Reader.AdvanceTo(buffer.GetPosition(end + 4));
                return HttpResponseHead.Parse(text, "egress");
            }

            if (buffer.Length > MaxResponseHeadBytes)
            {
                throw new IOException($"egress sent a response head over {MaxResponseHeadBytes} bytes");
            }

            link.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException(buffer.IsEmpty ? "egress closed the connection without answering" : "egress closed the connection in the middle of a response head");
            }
        }
    }

    private static long FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false) ? head.Length : -1;
    }

    private EgressLink? TakeIdle()
    {
        while (_idle.TryPop(out var link))
        {
            if (link.IsReusable())
            {
                return link;
            }

            _ = link.DisposeAsync().AsTask();
        }

        return null;
    }

    private void Release(EgressLink link)
    {
        if (Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdleLinks && link.IsReusable())
        {
            _idle.Push(link);
            return;
        }

        _ = link.DisposeAsync().AsTask();
    }

    private async Task<EgressLink> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_connectTimeout);
            await socket.ConnectAsync(_egress, timeout.Token);
            return new EgressLink(socket);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            throw new HttpRequestException($"cannot reach egress at {_egress}: {ex.Message}", ex);
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Policy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// One client connection: reads request heads strictly, answers CONNECT by policy (403 before any TLS, or 200 then
/// TLS with a leaf for the authority), and treats every request, plain or decrypted, the same way: resolve the
/// destination, check SNI/Host agreement, normalise the path, judge it by policy, let the inspector see URL,
/// headers and streamed body, forward, stream the response back, write one audit line.
/// </summary>
internal sealed partial class ProxySession(ProxyServices services, CancellationToken connectionClosed)
{
    private const int CopyBufferSize = 64 * 1024;

    // Hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own: never forwarded in either direction.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Expect",
    };

    // The idle timeout between requests: one timer per connection, re-armed for every head (not two token sources
    // per request). Cancelling it ends the connection, so it never needs a reset.
    private CancellationTokenSource? _idle;
    private CancellationTokenSource? _idleOrClosed;

    /// <summary>Serves requests on one connection (or one decrypted tunnel) until it closes.</summary>
    public async Task RunAsync(PipeReader reader, PipeWriter writer, Tunnel? tunnel)
    {
        try
        {
            while (!connectionClosed.IsCancellationRequested)
            {
                var head = await ReadHeadAsync(reader);
                if (head is null || !await HandleAsync(head, reader, writer, tunnel))
                {
                    return;
                }
            }
        }
        catch (HttpProtocolException ex)
        {
            var id = NewRequestId();
            LogMalformed(services.Logger, id, ex.Message);
            Audit(id, "?", tunnel?.Host ?? "", tunnel?.Port ?? 0, "", AuditEvent.Deny, DenyReasons.MalformedRequest, null, [], 0, 0, services.Time.GetTimestamp());
            services.Metrics.RecordDenied(DenyReasons.MalformedRequest, 0);
            await TryWriteAsync(writer, ex.StatusCode, new DenyResponse(true, DenyReasons.MalformedRequest, null, tunnel?.Host ?? "", id, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away or the server is stopping: nothing left to answer.
        }
        finally
        {
            if (tunnel is null)
            {
                // The outer run ends last (a decrypted tunnel runs inside it on the same session).
                _idleOrClosed?.Dispose();
                _idle?.Dispose();
            }
        }
    }

    private async Task<HttpRequestHead?> ReadHeadAsync(PipeReader reader)
    {
        _idle ??= new CancellationTokenSource(Timeout.InfiniteTimeSpan, services.Time);
        _idleOrClosed ??= CancellationTokenSource.CreateLinkedTokenSource(_idle.Token, connectionClosed);
        _idle.CancelAfter(services.Limits.IdleTimeout);
        try
        {
            return await ReadHeadAsync(reader, _idleOrClosed.Token);
        }
        finally
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    private async Task<HttpRequestHead?> ReadHeadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (HttpHeadParser.TryParse(ref buffer, services.Limits.MaxHeadBytes, services.Limits.MaxHeaderCount, out var head))
            {
                reader.AdvanceTo(buffer.Start);
                return head;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return buffer.IsEmpty ? null : throw new HttpProtocolException("connection closed in the middle of a request head");
            }
        }
    }

    private async Task<bool> HandleAsync(HttpRequestHead head, PipeReader reader, PipeWriter writer, Tunnel? tunnel)
    {
        var started = services.Time.GetTimestamp();
        var requestId = NewRequestId();
        if (head.Method == "CONNECT")
        {
            if (tunnel is not null)
            {
                throw new HttpProtocolException("CONNECT inside a CONNECT tunnel is not allowed");
            }

            await HandleConnectAsync(head, reader, writer, requestId, started);
            return false;
        }

        var (destination, mismatch) = tunnel is null ? ResolveAbsolute(head) : ResolveInTunnel(head, tunnel);
        var request = new PendingRequest(head, destination, requestId, started, AuditRedaction.RedactQuery(destination.PathAndQuery));
        if (mismatch is not null)
        {
            return await DenyAsync(writer, request, mismatch, null, MismatchHint(mismatch, tunnel), []);
        }

        if (!RequestPath.TryNormalize(destination.PathAndQuery, out var path, out var query, out var pathError))
        {
            return await DenyAsync(writer, request, DenyReasons.BadPath, null, pathError, []);
        }

        var policy = services.Policy.Current;
        var decision = PolicyEvaluator.EvaluateRequest(policy, head.Method, destination.Host, destination.Port, path);
        if (!decision.Allowed)
        {
            return await DenyAsync(writer, request, decision.Reason!, decision.Rule?.Describe(), decision.Hint, []);
        }

        await using var inspection = services.Inspector.Begin(new InspectionTarget(
            requestId, head.Method, destination.Scheme, destination.Host, destination.Port, destination.PathAndQuery, head.Headers));
        var verdict = inspection.InspectHead();
        if (!verdict.Allowed)
        {
            return await DenyAsync(writer, request with { AuditPath = AuditRedaction.Withheld }, DenyReasons.DlpFinding, verdict.Rule, verdict.Reason, verdict.FindingIds);
        }

        var forwardUri = new Uri($"{destination.Scheme}://{new Authority(destination.Host, destination.Port).UriHost}:{destination.Port}{path}{(query is null ? "" : "?" + query)}");
        return await ForwardAsync(request, forwardUri, decision, inspection, reader, writer);
    }

    private async Task<bool> ForwardAsync(
        PendingRequest pending, Uri uri, PolicyDecision decision, IRequestInspection inspection, PipeReader reader, PipeWriter writer)
    {
        var head = pending.Head;
        var isWebSocket = head.Method == "GET" && head.HasToken("Upgrade", "websocket") && head.HasToken("Connection", "Upgrade");
        var body = new RequestBodyReader(reader, head.Framing, head.ContentLength);
        InspectedBodyContent? bodyContent = head.Framing == BodyFraming.None
            ? null
            : new InspectedBodyContent(body, inspection, inspection.BodyOverlapBytes, head.Framing == BodyFraming.ContentLength ? head.ContentLength : null);

        using var request = BuildRequest(head, uri, bodyContent, isWebSocket);
        if (bodyContent is null)
        {
            var end = await inspection.CompleteBodyAsync(connectionClosed);
            if (!end.Allowed)
            {
                return await DenyAsync(writer, pending with { AuditPath = AuditRedaction.Withheld }, DenyReasons.DlpFinding, end.Rule, end.Reason, end.FindingIds);
            }
        }
        else if (head.HasToken("Expect", "100-continue"))
        {
            // Policy and head inspection passed: let the client start its body now instead of after its timeout.
            await WriteAsciiAsync(writer, "HTTP/1.1 100 Continue\r\n\r\n");
        }

        HttpResponseMessage response;
        try
        {
            response = await services.Upstream.SendAsync(request, connectionClosed);
        }
        catch (Exception) when (bodyContent?.Denied is { } denied)
        {
            return await DenyAsync(writer, pending with { AuditPath = AuditRedaction.Withheld }, DenyReasons.DlpFinding, denied.Rule, denied.Reason, denied.FindingIds, bodyContent.BytesSent, closeConnection: true);
        }
        catch (Exception ex) when (ClientProtocolError(ex) is { } protocolError)
        {
            // The client broke its own body's framing while we streamed it: that is the client's fault, not the upstream's.
            throw protocolError;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !connectionClosed.IsCancellationRequested))
        {
            return await FailAsync(writer, pending, ex, bodyContent?.BytesSent ?? 0, body.IsComplete);
        }

        using (response)
        {
            if (bodyContent?.Denied is not null)
            {
                // The upstream answered before the body finished and the rest of the body was then denied:
                // nothing of the answer goes back, and the connection is cut.
                return false;
            }

            if (isWebSocket && response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                return await TunnelWebSocketAsync(pending, decision, response, reader, writer);
            }

            var warned = inspection.WarnedRuleIds;
            var down = await CopyResponseAsync(head, response, writer, keepAlive: head.KeepAlive && body.IsComplete, warned);
            if (down < 0 || bodyContent?.Denied is not null)
            {
                return false;
            }

            services.Metrics.RecordAllowed(bodyContent?.BytesSent ?? 0, down);
            // A URL that held a finding let through (warn/audit mode) is not copied into the audit log either.
            var auditPath = inspection.PassedFindingIds.Count == 0 ? pending.AuditPath : AuditRedaction.Withheld;
            var outcome = warned.Count == 0 ? AuditEvent.Allow : AuditEvent.Warn;
            Audit(pending.RequestId, head.Method, pending.Destination.Host, pending.Destination.Port, auditPath, outcome, null, decision.Rule?.Describe(), inspection.PassedFindingIds, bodyContent?.BytesSent ?? 0, down, pending.Started);
            return head.KeepAlive && body.IsComplete;
        }
    }

    private static HttpRequestMessage BuildRequest(HttpRequestHead head, Uri uri, InspectedBodyContent? bodyContent, bool isWebSocket)
    {
        var request = new HttpRequestMessage(new HttpMethod(head.Method), uri)
        {
            // HTTP/2 toward upstreams that offer it; WebSocket upgrades need HTTP/1.1.
            Version = isWebSocket ? HttpVersion.Version11 : HttpVersion.Version20,
            VersionPolicy = isWebSocket ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
        HttpContent? content = bodyContent;
        var named = head.Headers.Where(h => string.Equals(h.Key, "Connection", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in head.Headers)
        {
            if (HopByHop.Contains(name) || (named.Contains(name) && !isWebSocket))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content ??= new ByteArrayContent([]);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (isWebSocket)
        {
            request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        }

        request.Content = content;
        return request;
    }

    /// <summary>Writes the response head and streams the body; returns the body bytes, or -1 if the exchange broke.</summary>
    private async Task<long> CopyResponseAsync(HttpRequestHead head, HttpResponseMessage response, PipeWriter writer, bool keepAlive, IReadOnlyList<string> warnedRuleIds)
    {
        var status = (int)response.StatusCode;
        var hasBody = head.Method != "HEAD" && status is not (204 or 304) && status >= 200;
        var length = response.Content.Headers.ContentLength;
        var chunked = hasBody && length is null;

        var sb = new StringBuilder(512);
        sb.Append("HTTP/1.1 ").Append(status).Append(' ').Append(response.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        AppendHeaders(sb, response.Headers);
        AppendHeaders(sb, response.Content.Headers);
        if (length is { } n && (hasBody || head.Method == "HEAD"))
        {
            sb.Append("Content-Length: ").Append(n).Append("\r\n");
        }

        if (chunked)
        {
            sb.Append("Transfer-Encoding: chunked\r\n");
        }

        if (warnedRuleIds.Count > 0)
        {
            // DLP warn mode: the request went out, and the agent is told which rules found something in it.
            sb.Append(ProxyHeaders.DlpWarning).Append(": ").AppendJoin(", ", warnedRuleIds).Append("\r\n");
        }

        if (!keepAlive)
        {
            sb.Append("Connection: close\r\n");
        }

        sb.Append("\r\n");
        if (!hasBody)
        {
            WriteAscii(writer, sb.ToString());
            await writer.FlushAsync(connectionClosed);
            return 0;
        }

        // The head waits for the first body bytes so both go in one span: one TLS record and one send for a small
        // response (a flush of the tunnel's writer writes each of its segments as a record of its own).
        byte[]? responseHead = Encoding.Latin1.GetBytes(sb.ToString());
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(connectionClosed);
            long total = 0;
            var unflushed = 0;
            while (true)
            {
                // Flush only when the next read would wait (or enough is buffered): a small response that arrived
                // whole leaves with its head, while a slow stream is never held back (the head goes out at once).
                var pending = stream.ReadAsync(buffer.AsMemory(0, CopyBufferSize), connectionClosed);
                if (!pending.IsCompleted || unflushed >= CopyBufferSize)
                {
                    if (responseHead is not null)
                    {
                        writer.Write(responseHead);
                        responseHead = null;
                    }

                    unflushed = 0;
                    if ((await writer.FlushAsync(connectionClosed)).IsCompleted)
                    {
                        // The client is gone (and with it connectionClosed, which ends the read).
                        await AbandonAsync(pending);
                        return -1;
                    }
                }

                var read = await pending;
                if (read == 0)
                {
                    break;
                }

                // One contiguous span per chunk (PipeWriter.Write would spread it over small segments, each then
                // its own TLS record).
                var span = writer.GetSpan((responseHead?.Length ?? 0) + read + 12);
                var at = 0;
                if (responseHead is not null)
                {
                    responseHead.CopyTo(span);
                    at = responseHead.Length;
                    responseHead = null;
                }

                at += chunked ? WriteChunkSize(span[at..], read) : 0;
                buffer.AsSpan(0, read).CopyTo(span[at..]);
                at += read;
                if (chunked)
                {
                    "\r\n"u8.CopyTo(span[at..]);
                    at += 2;
                }

                writer.Advance(at);
                total += read;
                unflushed += read;
            }

            if (responseHead is not null)
            {
                writer.Write(responseHead);
            }

            if (chunked)
            {
                writer.Write("0\r\n\r\n"u8);
            }

            return (await writer.FlushAsync(connectionClosed)).IsCompleted ? -1 : total;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The upstream broke off mid-body: the client must see a broken response, never a short "complete" one.
            LogUpstreamBodyFailed(services.Logger, ex.Message);
            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask AbandonAsync(ValueTask<int> read)
    {
        try
        {
            await read;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or HttpRequestException)
        {
            // The read was only awaited so the stream is not disposed under it.
        }
    }

    /// <summary>Writes a chunk-size line (<c>1F40\r\n</c>) at the start of <paramref name="span"/>; returns its length.</summary>
    private static int WriteChunkSize(Span<byte> span, int size)
    {
        size.TryFormat(span, out var n, "X", CultureInfo.InvariantCulture);
        "\r\n"u8.CopyTo(span[n..]);
        return n + 2;
    }

    private async Task<bool> TunnelWebSocketAsync(PendingRequest pending, PolicyDecision decision, HttpResponseMessage response, PipeReader reader, PipeWriter writer)
    {
        var sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (!HopByHop.Contains(name))
            {
                foreach (var value in values)
                {
                    sb.Append(name).Append(": ").Append(value).Append("\r\n");
                }
            }
        }

        await WriteAsciiAsync(writer, sb.Append("\r\n").ToString());
        await using var upstream = await response.Content.ReadAsStreamAsync(connectionClosed);
        await using var client = new DuplexPipeStream(reader, writer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connectionClosed);
        var up = PumpAsync(client, upstream, stop.Token);
        var down = PumpAsync(upstream, client, stop.Token);
        await Task.WhenAny(up, down);
        await stop.CancelAsync();
        var bytesUp = await up;
        var bytesDown = await down;
        services.Metrics.RecordAllowed(bytesUp, bytesDown);
        Audit(pending.RequestId, "GET", pending.Destination.Host, pending.Destination.Port, pending.AuditPath, AuditEvent.Allow, "websocket", decision.Rule?.Describe(), [], bytesUp, bytesDown, pending.Started);
        return false;
    }

    private static async Task<long> PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long total = 0;
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                await to.FlushAsync(cancellationToken);
                total += n;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side closed; the other pump is stopped by the caller.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }

    private async Task HandleConnectAsync(HttpRequestHead head, PipeReader reader, PipeWriter writer, string requestId, long started)
    {
        if (!Authority.TryParse(head.Target, -1, out var parsed) || head.Framing != BodyFraming.None)
        {
            throw new HttpProtocolException($"CONNECT target '{(head.Target.Length > 60 ? head.Target[..60] : head.Target)}' is not 'host:port'");
        }

        var authority = parsed.Value;
        var decision = PolicyEvaluator.EvaluateDestination(services.Policy.Current, authority.Host, authority.Port);
        var pending = new PendingRequest(head, new Destination("https", authority.Host, authority.Port, ""), requestId, started, "");
        if (!decision.Allowed)
        {
            // Refused before any TLS: no certificate is minted for a name the policy does not allow.
            await DenyAsync(writer, pending, decision.Reason!, decision.Rule?.Describe(), decision.Hint, [], closeConnection: true);
            return;
        }

        services.Metrics.RecordAllowed(0, 0);
        Audit(requestId, "CONNECT", authority.Host, authority.Port, "", AuditEvent.Allow, null, decision.Rule?.Describe(), [], 0, 0, started);
        await WriteAsciiAsync(writer, "HTTP/1.1 200 Connection Established\r\n\r\n");

        await using var tls = new SslStream(new DuplexPipeStream(reader, writer), leaveInnerStreamOpen: true);
        try
        {
            using var handshake = new CancellationTokenSource(services.Limits.HandshakeTimeout, services.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(handshake.Token, connectionClosed);
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = services.Leaves.Get(authority.Host),
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
                linked.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            LogHandshakeFailed(services.Logger, authority.Host, ex.Message);
            return;
        }

        var sni = PolicyEvaluator.NormalizeHost(tls.TargetHostName ?? "");
        var isIp = IPAddress.TryParse(authority.Host, out _);
        var sniMatches = isIp ? sni.Length == 0 || sni == authority.Host : sni == authority.Host;
        var inner = new Tunnel(authority.Host, authority.Port, sniMatches ? null : sni);
        var innerReader = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        var innerWriter = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            await RunAsync(innerReader, innerWriter, inner);
        }
        finally
        {
            await innerReader.CompleteAsync();
            await innerWriter.CompleteAsync();
        }
    }

    private static (Destination Destination, string? Mismatch) ResolveAbsolute(HttpRequestHead head)
    {
        var target = head.Target;
        var scheme = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http"
            : target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https"
            : throw new HttpProtocolException($"a proxy request names an absolute http:// or https:// URI, not '{Shorten(target)}'");
        var rest = target[(scheme.Length + 3)..];
        var end = rest.IndexOfAny(['/', '?']);
        var authorityText = end < 0 ? rest : rest[..end];
        var pathAndQuery = end < 0 ? "/" : rest[end] == '?' ? "/" + rest[end..] : rest[end..];
        var defaultPort = scheme == "https" ? 443 : 80;
        if (!Authority.TryParse(authorityText, defaultPort, out var authority))
        {
            throw new HttpProtocolException($"URI authority '{Shorten(authorityText)}' is not 'host[:port]'");
        }

        var destination = new Destination(scheme, authority.Value.Host, authority.Value.Port, pathAndQuery);
        var hostHeader = head.Get("Host");
        var agrees = hostHeader is null || (Authority.TryParse(hostHeader, defaultPort, out var h) && h.Value == authority.Value);
        return (destination, agrees ? null : DenyReasons.HostHeaderMismatch);
    }

    private static (Destination Destination, string? Mismatch) ResolveInTunnel(HttpRequestHead head, Tunnel tunnel)
    {
        if (!head.Target.StartsWith('/'))
        {
            throw new HttpProtocolException($"a request inside a CONNECT tunnel names an origin-form path, not '{Shorten(head.Target)}'");
        }

        var destination = new Destination("https", tunnel.Host, tunnel.Port, head.Target);
        if (tunnel.MismatchedSni is not null)
        {
            return (destination, DenyReasons.SniMismatch);
        }

        var hostHeader = head.Get("Host");
        var agrees = hostHeader is not null && Authority.TryParse(hostHeader, 443, out var h) && h.Value == new Authority(tunnel.Host, tunnel.Port);
        return (destination, agrees ? null : DenyReasons.HostHeaderMismatch);
    }

    private static string MismatchHint(string reason, Tunnel? tunnel) => reason == DenyReasons.SniMismatch
        ? $"TLS SNI '{tunnel?.MismatchedSni}' differs from the CONNECT host '{tunnel?.Host}'; connect to the host you name"
        : $"the Host header must name the same host and port as the {(tunnel is null ? "request URI" : "CONNECT authority")}";

    private async Task<bool> DenyAsync(
        PipeWriter writer, PendingRequest pending, string reason, string? rule, string? hint, IReadOnlyList<string> findingIds, long bytesUp = 0, bool closeConnection = false)
    {
        var keepOpen = !closeConnection && pending.Head.KeepAlive && pending.Head.Framing == BodyFraming.None;
        services.Metrics.RecordDenied(reason, bytesUp);
        Audit(pending.RequestId, pending.Head.Method, pending.Destination.Host, pending.Destination.Port, pending.AuditPath, AuditEvent.Deny, reason, rule, findingIds, bytesUp, 0, pending.Started);
        LogDenied(services.Logger, pending.RequestId, pending.Head.Method, pending.Destination.Host, reason);
        await WriteDenyAsync(writer, 403, new DenyResponse(true, reason, rule, pending.Destination.Host, pending.RequestId, hint), keepOpen);
        return keepOpen;
    }

    private async Task<bool> FailAsync(PipeWriter writer, PendingRequest pending, Exception ex, long bytesUp, bool bodyComplete)
    {
        var keepOpen = pending.Head.KeepAlive && bodyComplete;
        services.Metrics.RecordFailed(bytesUp, 0);
        Audit(pending.RequestId, pending.Head.Method, pending.Destination.Host, pending.Destination.Port, pending.AuditPath, AuditEvent.Error, DenyReasons.UpstreamError, null, [], bytesUp, 0, pending.Started);
        LogUpstreamFailed(services.Logger, pending.RequestId, pending.Destination.Host, ex.Message);
        var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        await WriteDenyAsync(writer, 502, new DenyResponse(false, DenyReasons.UpstreamError, null, pending.Destination.Host, pending.RequestId, message), keepOpen);
        return keepOpen;
    }

    private static async Task WriteDenyAsync(PipeWriter writer, int status, DenyResponse deny, bool keepOpen)
    {
        var body = deny.ToJsonUtf8();
        var head = $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: application/json\r\n{DenyResponse.ReasonHeader}: {deny.Reason}\r\nContent-Length: {body.Length}\r\n{(keepOpen ? "" : "Connection: close\r\n")}\r\n";
        WriteAscii(writer, head);
        await writer.WriteAsync(body);
    }

    private static async Task TryWriteAsync(PipeWriter writer, int status, DenyResponse deny)
    {
        try
        {
            await WriteDenyAsync(writer, status, deny, keepOpen: false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client is gone; the audit line already says what happened.
        }
    }

    private void Audit(string requestId, string method, string host, int port, string path, string decision, string? reason, string? rule, IReadOnlyList<string> findingIds, long up, long down, long started) =>
        services.Audit.Write(new AuditEvent(
            services.Time.GetUtcNow(), requestId, "pipelock", method, host, port, path, decision, reason, rule, findingIds, up, down,
            services.Time.GetElapsedTime(started).TotalMilliseconds));

    private static void AppendHeaders(StringBuilder sb, System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                sb.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
    }

    private static async ValueTask WriteAsciiAsync(PipeWriter writer, string text)
    {
        WriteAscii(writer, text);
        await writer.FlushAsync();
    }

    private static void WriteAscii(PipeWriter writer, string text)
    {
        var span = writer.GetSpan(text.Length);
        var n = Encoding.Latin1.GetBytes(text, span);
        writer.Advance(n);
    }

    private static HttpProtocolException? ClientProtocolError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpProtocolException protocol)
            {
                return protocol;
            }
        }

        return null;
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";

    [LoggerMessage(Level = LogLevel.Information, Message = "Denied {RequestId} {Method} {Host}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string requestId, string method, string host, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream failed for {RequestId} to {Host}: {Error}")]
    private static partial void LogUpstreamFailed(ILogger logger, string requestId, string host, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream broke off a response body: {Error}")]
    private static partial void LogUpstreamBodyFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Malformed request {RequestId}: {Error}")]
    private static partial void LogMalformed(ILogger logger, string requestId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS handshake for {Host} failed: {Error}")]
    private static partial void LogHandshakeFailed(ILogger logger, string host, string error);

    /// <summary>A decrypted CONNECT tunnel: its authority, and the SNI if it did not match.</summary>
    internal sealed record Tunnel(string Host, int Port, string? MismatchedSni);

    private sealed record Destination(string Scheme, string Host, int Port, string PathAndQuery);

    private sealed record PendingRequest(HttpRequestHead Head, Destination Destination, string RequestId, long Started, string AuditPath);
}

using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Egress.Audit;
using Bottle.Sidecars.Egress.Http;
using Bottle.Sidecars.Egress.Upstream;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// One accepted source connection: a sequence of absolute-form HTTP/1.1 requests to forward, or one CONNECT
/// tunnel. Every refusal answers with a clear status and message, is audited, and closes the connection.
/// </summary>
internal sealed partial class EgressConnection(
    Socket socket,
    IPAddress source,
    SourceRole role,
    EgressServer server,
    ILogger logger) : IAsyncDisposable
{
    private readonly NetworkStream client = new(socket, ownsSocket: true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(client, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var generation = server.AcquireGeneration();
                try
                {
                    var head = await HttpHeadReader.ReadAsync(reader, generation.Options.MaxRequestHeadBytes, cancellationToken);
                    if (head is null)
                    {
                        return;
                    }

                    if (head.Method == "CONNECT")
                    {
                        // A tunnel owns the rest of the connection.
                        await TunnelAsync(head, reader, generation, cancellationToken);
                        return;
                    }

                    if (!await ForwardAsync(head, reader, generation, cancellationToken))
                    {
                        return;
                    }
                }
                finally
                {
                    generation.Release();
                }
            }
        }
        catch (BadRequestException ex)
        {
            await RefuseAsync(400, EgressAuditCategories.Anomaly, ex.Message, null, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            LogConnectionEnded(source, ex.Message);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private async Task<bool> ForwardAsync(HttpRequestHead head, PipeReader reader, EgressGeneration generation, CancellationToken cancellationToken)
    {
        var started = server.Time.GetTimestamp();
        var request = ForwardedRequest.Parse(head);
        var audit = server.NewAuditEvent(source, head.Method, request.Uri.Scheme, request.Host, request.Uri.Port, request.Uri.AbsolutePath);

        // The path is already canonical (ForwardedRequest refuses anything else), so it is its own normal form.
        var verdict = PolicyEvaluator.EvaluateRequest(generation.PolicyFor(role), head.Method, request.Host, request.Uri.Port, request.Uri.AbsolutePath);
        var rule = verdict.Allowed ? verdict.Rule : null;
        if (rule is null)
        {
            return await RefuseAsync(403, EgressAuditCategories.Anomaly, $"no allow rule covers {head.Method} {request.Uri.Scheme}://{request.Host}:{request.Uri.Port}{request.Uri.AbsolutePath}", audit, cancellationToken);
        }

        audit = audit with { Rule = rule.Describe() };
        if (head.Values("Expect").Any(v => v.Equals("100-continue", StringComparison.OrdinalIgnoreCase)))
        {
            await client.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken);
        }

        var body = request.OpenBody(reader);
        var prefix = ArrayPool<byte>.Shared.Rent(generation.Options.BodyScanLimit);
        try
        {
            var prefixLength = body is null ? 0 : await body.ReadAtLeastAsync(prefix.AsMemory(0, generation.Options.BodyScanLimit), generation.Options.BodyScanLimit, throwOnEndOfStream: false, cancellationToken);
            var decision = generation.Injector.Decide(request.IsHttps, request.Host, rule, head.Target, head.Headers, prefix.AsSpan(0, prefixLength));
            if (decision.IsBlocked)
            {
                return await RefuseAsync(403, EgressAuditCategories.ExfiltrationAttempt, decision.Refusal!, audit, cancellationToken);
            }

            var remainder = body is { IsFinished: false } ? body : null;
            var content = new ForwardedBodyContent(prefix, prefixLength, remainder, remainder is null ? prefixLength : request.ContentLength);
            using var message = request.ToUpstreamMessage(decision.Headers, body is null ? null : content);
            var exchange = UpstreamExchange.Begin();
            HttpResponseMessage response;
            try
            {
                response = await generation.Upstream.SendAsync(message, request.IsHttps, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return await UpstreamFailedAsync(ex, audit, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                server.Metrics.UpstreamError();
                return await RefuseAsync(504, EgressAuditCategories.UpstreamError, $"upstream {request.Host}:{request.Uri.Port} timed out", audit, cancellationToken);
            }

            using (response)
            {
                server.Metrics.Injected(decision.Injected.Count);
                var keepAlive = !head.ConnectionHas("close");
                var bytesIn = await WriteResponseAsync(response, head.Method == "HEAD", keepAlive, generation.Injector, cancellationToken);
                var bytesOut = body is null ? 0 : content.BytesSent;
                server.Metrics.Allowed();
                server.Metrics.Transferred(bytesOut, bytesIn);
                server.Audit(audit with
                {
                    Decision = AuditEvent.Allow,
                    Credentials = decision.Injected.Count == 0 ? null : decision.Injected,
                    UpstreamAddress = exchange.Connection?.RemoteEndPoint.ToString(),
                    TlsVersion = exchange.Connection?.TlsVersion,
                    UpstreamStatus = (int)response.StatusCode,
                    BytesUp = bytesOut,
                    BytesDown = bytesIn,
                    DurationMs = server.Time.GetElapsedTime(started).TotalMilliseconds,
                });

                // A body the upstream did not read to the end would be parsed as the next request: close instead.
                return keepAlive && (body is null || body.IsFinished);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    private async Task TunnelAsync(HttpRequestHead head, PipeReader reader, EgressGeneration generation, CancellationToken cancellationToken)
    {
        var started = server.Time.GetTimestamp();
        var (host, port) = ParseAuthority(head.Target);
        var audit = server.NewAuditEvent(source, "CONNECT", "tunnel", host, port, "");

        if (port == 22 && role != SourceRole.GitGate)
        {
            await RefuseAsync(403, EgressAuditCategories.Anomaly, $"CONNECT to port 22 is for git-gate only; {source} is {role}", audit, cancellationToken);
            return;
        }

        var decision = PolicyEvaluator.EvaluateTunnel(generation.PolicyFor(role), host, port);
        var rule = decision.Allowed ? decision.Rule : null;
        if (rule is null)
        {
            await RefuseAsync(403, EgressAuditCategories.Anomaly, $"no allow rule permits a tunnel to {host}:{port} (a rule limiting methods or paths cannot be tunnelled)", audit, cancellationToken);
            return;
        }

        audit = audit with { Rule = rule.Describe() };
        DialedConnection dialed;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(generation.Options.ConnectTimeout);
            dialed = await server.Dialer.DialAsync(host, port, generation.DialPolicy, timeout.Token);
        }
        catch (ForbiddenAddressException ex)
        {
            await RefuseAsync(403, EgressAuditCategories.ForbiddenAddress, ex.Message, audit, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            server.Metrics.UpstreamError();
            await RefuseAsync(502, EgressAuditCategories.UpstreamError, $"cannot connect to {host}:{port}: {ex.Message}", audit, cancellationToken);
            return;
        }

        await using var upstream = new NetworkStream(dialed.Socket, ownsSocket: true);
        await client.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), cancellationToken);
        server.Metrics.TunnelOpened();

        // Bytes the source sent right after the CONNECT head are already in the pipe: read through it, not the socket.
        using var tunnel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sent = new StrongBox<long>();
        var received = new StrongBox<long>();
        var outbound = PumpAsync(reader.AsStream(leaveOpen: true), upstream, dialed.Socket, sent, tunnel.Token);
        var inbound = PumpAsync(upstream, client, socket, received, tunnel.Token);
        if (await Task.WhenAny(outbound, inbound) is { IsCompletedSuccessfully: false })
        {
            // One side broke off: tear the other down too rather than leave it waiting on a peer that may never close.
            await tunnel.CancelAsync();
        }

        try
        {
            await Task.WhenAll(outbound, inbound);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            LogConnectionEnded(source, ex.Message);
        }

        var (bytesOut, bytesIn) = (sent.Value, received.Value);
        server.Metrics.Transferred(bytesOut, bytesIn);
        server.Metrics.Allowed();
        server.Audit(audit with
        {
            Decision = AuditEvent.Allow,
            UpstreamAddress = dialed.RemoteEndPoint.ToString(),
            UpstreamStatus = 200,
            BytesUp = bytesOut,
            BytesDown = bytesIn,
            DurationMs = server.Time.GetElapsedTime(started).TotalMilliseconds,
        });
    }

    private static async Task PumpAsync(Stream from, Stream to, Socket toSocket, StrongBox<long> total, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total.Value += read;
            }

            // Pass the half-close on, so protocols that signal "done" by closing (SSH, git) see it.
            toSocket.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> WriteResponseAsync(HttpResponseMessage response, bool isHead, bool keepAlive, CredentialInjector injector, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var builder = new StringBuilder(512);
        builder.Append("HTTP/1.1 ").Append(status).Append(' ')
            .Append(response.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        var connectionTokens = response.Headers.Connection.ToList();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (HttpHeaderRules.IsHopByHop(name, connectionTokens) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                builder.Append(name).Append(": ").Append(injector.Redact(value)).Append("\r\n");
            }
        }

        var hasBody = !isHead && status is not (204 or 304) and >= 200;
        var length = response.Content.Headers.ContentLength;
        var chunked = hasBody && length is null;
        if (chunked)
        {
            builder.Append("Transfer-Encoding: chunked\r\n");
        }

        builder.Append(keepAlive ? "\r\n" : "Connection: close\r\n\r\n");
        await client.WriteAsync(Encoding.Latin1.GetBytes(builder.ToString()), cancellationToken);
        if (!hasBody)
        {
            return 0;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (chunked)
                {
                    await client.WriteAsync(Encoding.Latin1.GetBytes($"{read:x}\r\n"), cancellationToken);
                    await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    await client.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                }
                else
                {
                    await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                total += read;
            }

            if (chunked)
            {
                await client.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }

    private async Task<bool> UpstreamFailedAsync(HttpRequestException ex, AuditEvent audit, CancellationToken cancellationToken)
    {
        // The dialer's and TLS's own exceptions sit underneath HttpClient's wrapper.
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case ForbiddenAddressException forbidden:
                    return await RefuseAsync(403, EgressAuditCategories.ForbiddenAddress, forbidden.Message, audit, cancellationToken);
                case AuthenticationException tls:
                    server.Metrics.UpstreamError();
                    return await RefuseAsync(502, EgressAuditCategories.UpstreamTls, $"upstream TLS to {audit.Host}:{audit.Port} failed: {tls.Message}", audit, cancellationToken);
            }
        }

        server.Metrics.UpstreamError();
        return await RefuseAsync(502, EgressAuditCategories.UpstreamError, $"upstream {audit.Host}:{audit.Port} failed: {ex.Message}", audit, cancellationToken);
    }

    /// <summary>Answers with <paramref name="status"/> and a JSON reason, audits, and ends the connection (returns false).</summary>
    private async Task<bool> RefuseAsync(int status, string category, string reason, AuditEvent? audit, CancellationToken cancellationToken)
    {
        LogRefused(source, category, reason);
        server.Metrics.Blocked();
        server.Audit((audit ?? server.NewAuditEvent(source, "", "", "", 0, "")) with
        {
            Decision = status == 403 || status == 400 ? AuditEvent.Deny : AuditEvent.Error,
            Category = category,
            Reason = reason,
            UpstreamStatus = status,
        });
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new EgressRefusal("egress", category, reason), EgressJsonContext.Default.EgressRefusal));
        var head = $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nX-Bottle-Blocked-By: egress\r\nConnection: close\r\n\r\n";
        try
        {
            await client.WriteAsync(Encoding.Latin1.GetBytes(head), cancellationToken);
            await client.WriteAsync(body, cancellationToken);
        }
        catch (IOException)
        {
            // The source went away first; the refusal is audited all the same.
        }

        return false;
    }

    private static (string Host, int Port) ParseAuthority(string target)
    {
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out var port) || port is < 1 or > 65535)
        {
            throw new BadRequestException($"CONNECT target '{target}' is not host:port");
        }

        var host = target[..colon];
        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || !IPAddress.TryParse(host[1..^1], out _))
            {
                throw new BadRequestException($"CONNECT target '{target}' has a malformed IPv6 literal");
            }

            return (host[1..^1], port);
        }

        if (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw new BadRequestException($"CONNECT target '{target}' has a malformed host");
        }

        return (host.ToLowerInvariant(), port);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request from {Source}: {Category}: {Reason}")]
    private partial void LogRefused(IPAddress source, string category, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Source} ended: {Reason}")]
    private partial void LogConnectionEnded(IPAddress source, string reason);
}

using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Bottle.Sidecars.Proxy;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// <c>bottle-sidecars connect &lt;proxy-host:port&gt; &lt;host&gt; &lt;port&gt;</c>: git-gate's ssh <c>ProxyCommand</c>.
/// Asks the proxy (egress) for a CONNECT tunnel to host:port, then copies stdin to the tunnel and the tunnel to
/// stdout until the far side closes. A refused tunnel ends with exit 1 and one stderr line carrying the status and
/// egress's own reason, which ssh passes on to git and git-gate passes on to the agent.
/// </summary>
internal static class SidecarConnect
{
    /// <summary>Exit code when the proxy cannot be reached or refuses the tunnel.</summary>
    public const int RefusedExitCode = 1;

    private const int MaxResponseHeadBytes = 16 * 1024;
    private const int MaxRefusalBodyBytes = 16 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan ProxyTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ConnectTarget target, Stream input, Stream output, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var prefix = $"{SidecarHost.ServiceName} {SidecarCommandLine.ConnectWord}: tunnel to {target.Authority} through {target.ProxyHost}:{target.ProxyPort}";
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        byte[] afterHead;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProxyTimeout);
            await socket.ConnectAsync(target.ProxyHost, target.ProxyPort, timeout.Token);
            var request = $"CONNECT {target.Authority} HTTP/1.1\r\nHost: {target.Authority}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var (head, rest) = await ReadResponseHeadAsync(socket, timeout.Token);
            if (head.Status is < 200 or > 299)
            {
                var reason = await ReadRefusalAsync(socket, head, rest, timeout.Token);
                await stderr.WriteLineAsync($"{prefix}: refused: {head.StatusLine}{reason}");
                return RefusedExitCode;
            }

            afterHead = rest;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{prefix}: failed: {ex.Message}");
            return RefusedExitCode;
        }

        await using var tunnel = new NetworkStream(socket, ownsSocket: false);
        if (afterHead.Length > 0)
        {
            // Bytes the server sent right behind the 200 (ssh's banner) are the tunnel's first bytes.
            await output.WriteAsync(afterHead, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        // stdin -> tunnel in the background: when ssh closes its end, half-close ours so the server sees EOF.
        // The tunnel -> stdout direction decides when we are done: the server closing ends the session.
        _ = Task.Run(() => PumpAsync(input, tunnel, () => socket.Shutdown(SocketShutdown.Send), cancellationToken), cancellationToken);
        try
        {
            await PumpAsync(tunnel, output, () => { }, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // A reset after the session ended is not an error ssh cares about; ssh reports its own view.
        }

        return 0;
    }

    private static async Task PumpAsync(Stream from, Stream to, Action completed, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await to.FlushAsync(cancellationToken);
            }

            completed();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other direction ends the program; this one just stops.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the proxy's response head; returns it and the bytes after it.</summary>
    private static async Task<(HttpResponseHead Head, byte[] AfterHead)> ReadResponseHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new byte[MaxResponseHeadBytes];
        var length = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(received.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException($"the proxy closed the connection after {length} bytes, before a complete response");
            }

            length += read;
            var end = received.AsSpan(0, length).IndexOf(HeadEnd);
            if (end >= 0)
            {
                var head = HttpResponseHead.Parse(Encoding.Latin1.GetString(received, 0, end), "the proxy");
                return (head, received[(end + HeadEnd.Length)..length]);
            }

            if (length == received.Length)
            {
                throw new InvalidDataException($"the proxy's response head is larger than {MaxResponseHeadBytes} bytes");
            }
        }
    }

    /// <summary>Reads a refusal's body (egress sends JSON with a category and reason) and renders it for stderr.</summary>
    private static async Task<string> ReadRefusalAsync(Socket socket, HttpResponseHead head, byte[] rest, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        body.Write(rest);
        var buffer = new byte[4096];
        int read;
        while (body.Length < MaxRefusalBodyBytes && (read = await socket.ReceiveAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
        }

        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)Math.Min(body.Length, MaxRefusalBodyBytes)).Trim();
        var blockedBy = head.Header("X-Bottle-Blocked-By");
        try
        {
            using var json = JsonDocument.Parse(text);
            var category = json.RootElement.TryGetProperty("category", out var c) ? c.GetString() : null;
            var reason = json.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var by = blockedBy is null ? "" : $" (blocked by {blockedBy})";
            return $"{by}: {category}: {reason}";
        }
        catch (JsonException)
        {
            return text.Length == 0 ? "" : $": {text}";
        }
    }
}

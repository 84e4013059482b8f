using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bottle.Tests.Integration.Egress;

/// <summary>
/// Speaks the pipelock-to-egress protocol byte for byte from a chosen loopback source address, so a test
/// controls exactly what egress receives (absolute-form https targets, odd headers, CONNECT).
/// </summary>
public static class RawHttpExchange
{
    /// <summary>
    /// Sends one request and reads one response; the connection is closed afterwards. A connection the peer
    /// resets or closes without answering yields <see cref="RawResponse.Closed"/>.
    /// </summary>
    public static async Task<RawResponse> SendAsync(IPAddress source, IPEndPoint egress, string head, byte[]? body = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ExchangeAsync(source, egress, head, body, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException { SocketErrorCode: SocketError.ConnectionReset }
            or IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset } })
        {
            return RawResponse.Closed;
        }
    }

    private static async Task<RawResponse> ExchangeAsync(IPAddress source, IPEndPoint egress, string head, byte[]? body, CancellationToken cancellationToken)
    {
        using var socket = await ConnectFromAsync(source, egress, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), cancellationToken);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancellationToken);
        }

        return await ReadResponseAsync(stream, cancellationToken);
    }

    /// <summary>Opens a TCP connection to egress whose source address is <paramref name="source"/>.</summary>
    public static async Task<Socket> ConnectFromAsync(IPAddress source, IPEndPoint egress, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(egress, cancellationToken);
        return socket;
    }

    /// <summary>Reads a response: status line, headers, then a Content-Length, chunked or close-delimited body.</summary>
    public static async Task<RawResponse> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var headText = await ReadHeadAsync(stream, cancellationToken);
        if (headText is null)
        {
            return RawResponse.Closed;
        }

        var lines = headText.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].Trim())).ToList();
        string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        using var body = new MemoryStream();
        if (status == 200 && lines[0].Contains("Connection Established", StringComparison.Ordinal))
        {
            return new RawResponse(status, headers, string.Empty);
        }

        if (Header("Content-Length") is { } length)
        {
            await CopyExactlyAsync(stream, body, long.Parse(length, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (string.Equals(Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var size = Convert.ToInt64(await ReadLineAsync(stream, cancellationToken), 16);
                if (size == 0)
                {
                    await ReadLineAsync(stream, cancellationToken);
                    break;
                }

                await CopyExactlyAsync(stream, body, size, cancellationToken);
                await ReadLineAsync(stream, cancellationToken);
            }
        }
        else
        {
            await stream.CopyToAsync(body, cancellationToken);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var one = new byte[1];
        while (!builder.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return builder.Length == 0 ? null : throw new IOException("connection closed inside a response head");
            }

            builder.Append((char)one[0]);
        }

        return builder.ToString()[..^4];
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var one = new byte[1];
        while (!builder.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("connection closed inside a chunked body");
            }

            builder.Append((char)one[0]);
        }

        return builder.ToString()[..^2];
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (count > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed inside a response body");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }
}

/// <summary>A response as read off the wire; <see cref="Closed"/> when the peer closed without answering.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public static RawResponse Closed { get; } = new(0, [], string.Empty);

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// A hand-rolled HTTP/1.1 client for what HttpClient will not do: malformed and smuggling-shaped requests,
/// several requests on one known connection, and TLS with a chosen SNI.
/// </summary>
internal static class RawHttp
{
    public static async Task<Stream> ConnectAsync(Uri proxy)
    {
        var client = new TcpClient();
        await client.ConnectAsync(proxy.Host, proxy.Port);
        return client.GetStream();
    }

    public static async Task SendAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>Sends CONNECT and returns the proxy's answer; on 200 the stream is ready for TLS.</summary>
    public static async Task<RawResponse> ConnectTunnelAsync(Stream stream, string authority)
    {
        await SendAsync(stream, $"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        return await ReadResponseAsync(stream, bodyExpected: false);
    }

    public static async Task<SslStream> StartTlsAsync(Stream stream, string sni, RemoteCertificateValidationCallback validate)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false, validate);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni, RemoteCertificateValidationCallback = validate });
        return tls;
    }

    /// <summary>Reads one response (Content-Length, chunked, or to EOF when <paramref name="bodyExpected"/> and neither).</summary>
    public static async Task<RawResponse> ReadResponseAsync(Stream stream, bool bodyExpected = true)
    {
        var head = await ReadLineBlockAsync(stream);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out var length))
        {
            await CopyExactlyAsync(stream, body, long.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var te) && te == "chunked")
        {
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(stream)).Split(';')[0], 16);
                if (size == 0)
                {
                    await ReadLineAsync(stream);
                    break;
                }

                await CopyExactlyAsync(stream, body, size);
                await ReadLineAsync(stream);
            }
        }
        else if (bodyExpected && status >= 200 && status is not (204 or 304))
        {
            await stream.CopyToAsync(body);
        }

        return new RawResponse(status, headers, body.ToArray());
    }

    private static async Task<string> ReadLineBlockAsync(Stream stream)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var line = await ReadLineAsync(stream);
            if (line.Length == 0)
            {
                return sb.ToString().TrimEnd('\r', '\n');
            }

            sb.Append(line).Append("\r\n");
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException("connection closed while reading a line");
            }

            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.Latin1.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            }

            bytes.Add(one[0]);
        }
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long count)
    {
        var buffer = new byte[16384];
        while (count > 0)
        {
            var n = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)));
            if (n == 0)
            {
                throw new EndOfStreamException("connection closed inside a body");
            }

            await to.WriteAsync(buffer.AsMemory(0, n));
            count -= n;
        }
    }
}

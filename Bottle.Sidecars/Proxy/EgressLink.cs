using System.IO.Pipelines;
using System.Net.Sockets;

namespace Bottle.Sidecars.Proxy;

/// <summary>One plain TCP connection from pipelock to egress: writes go to the socket, reads come through a pipe.</summary>
internal sealed class EgressLink : IAsyncDisposable
{
    private const int LinkReadSize = 64 * 1024;

    public EgressLink(Socket socket)
    {
        Socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
        // Socket reads of up to 64 KiB (the default is 4 KiB): a response body then crosses in a few large reads, and
        // the copy into the agent's TLS stream writes full 16 KiB records instead of one small record per 4 KiB.
        Reader = PipeReader.Create(Stream, new StreamPipeReaderOptions(bufferSize: LinkReadSize, minimumReadSize: LinkReadSize / 4, leaveOpen: true));
    }

    public Socket Socket { get; }

    public NetworkStream Stream { get; }

    public PipeReader Reader { get; }

    /// <summary>
    /// True when an idle pooled link can still carry a request: egress has not closed it (a readable socket with
    /// nothing to read is a FIN) and sent nothing unasked.
    /// </summary>
    public bool IsReusable()
    {
        try
        {
            return Socket.Connected && !Socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync();
        await Stream.DisposeAsync();
    }
}

using System.IO.Pipelines;
using System.Net.Sockets;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The proxy's entry for one accepted client socket: a <see cref="ProxySession"/> over pipes read and written
/// straight on the socket (no transport thread in between: a read completes and the session goes on on the same
/// pool thread), then a graceful close.
/// </summary>
internal sealed class ProxyConnectionHandler(ProxyServices services)
{
    // After a deny that closes the connection the client may still be sending (a body over the cap): its bytes are
    // read and dropped for a while before the socket closes, since closing with unread bytes sends a reset, which can
    // reach the client before it has read the 403.
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);
    private const int LingerMaxBytes = 1024 * 1024;

    public async Task RunAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            await new ProxySession(services, services.Stopping).RunAsync(reader, writer, tunnel: null);
            await writer.CompleteAsync();
            await LingerAsync(socket, reader);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: the socket just closes.
        }
        finally
        {
            await writer.CompleteAsync();
            await reader.CompleteAsync();
        }
    }

    private async Task LingerAsync(Socket socket, PipeReader reader)
    {
        socket.Shutdown(SocketShutdown.Send);
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(services.Stopping);
        linger.CancelAfter(LingerTimeout);
        long dropped = 0;
        while (dropped < LingerMaxBytes)
        {
            var result = await reader.ReadAsync(linger.Token);
            dropped += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Bottle.Sidecars.Net;

/// <summary>
/// A bound TCP listener that hands every accepted connection (NoDelay set) to a handler on the thread pool and keeps
/// track of the running handlers so a stop can wait for them. pipelock and egress use it instead of a Kestrel
/// instance: they parse HTTP/1.1 themselves, and a plain accept loop costs no DI container, transport threads or
/// memory pool of its own (idle RSS) and no hop through Kestrel's I/O queues per read and write (latency).
/// </summary>
internal sealed class TcpAcceptLoop
{
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _accepting;

    private TcpAcceptLoop(Socket listener, Func<Socket, Task> handle, CancellationToken stopping)
    {
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = AcceptAsync(handle, stopping);
    }

    /// <summary>The bound address (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>True while connections are accepted.</summary>
    public bool IsListening => !_accepting.IsCompleted;

    /// <summary>
    /// Binds <paramref name="endPoint"/> and starts accepting until <paramref name="stopping"/> is cancelled;
    /// throws <see cref="InvalidOperationException"/> naming <paramref name="owner"/> and the address when it cannot bind.
    /// A handler owns its socket (it must dispose it); its exceptions are its own to catch.
    /// </summary>
    public static TcpAcceptLoop Start(string owner, IPEndPoint endPoint, Func<Socket, Task> handle, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(handle);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(512);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException($"{owner} cannot listen on {endPoint}: {ex.Message}", ex);
        }

        return new TcpAcceptLoop(socket, handle, stopping);
    }

    /// <summary>
    /// Closes the listener and waits for the accept loop and every running handler (the caller cancels the
    /// <c>stopping</c> token first, which is what ends them).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener.Dispose();
        await _accepting.WaitAsync(cancellationToken);
        await Task.WhenAll(_connections.Keys).WaitAsync(cancellationToken);
    }

    private async Task AcceptAsync(Func<Socket, Task> handle, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && stopping.IsCancellationRequested)
            {
                return;
            }

            accepted.NoDelay = true;
            var task = Task.Run(() => handle(accepted), CancellationToken.None);
            _connections.TryAdd(task, 0);
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }
}

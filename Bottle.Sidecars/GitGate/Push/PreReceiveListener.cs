using System.Net;
using System.Net.Sockets;
using System.Text;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Mirrors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>
/// The loopback endpoint the mirrors' pre-receive hooks call. Protocol (lines): token, quarantine path, the
/// ref updates, an empty line; the answer is message lines (<c>M text</c>) and a final ACCEPT or REJECT.
/// Bound to 127.0.0.1 only: in the sidecar container nothing else shares that address.
/// </summary>
internal sealed class PreReceiveListener(
    PushSessionRegistry sessions,
    PushGate gate,
    ILogger<PreReceiveListener> logger) : BackgroundService
{
    private const int MaxUpdates = 10_000;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    /// <summary>The port the hooks connect to (valid once started).</summary>
    public int Port { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        listener.Stop();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, stoppingToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            PushVerdict verdict;
            try
            {
                verdict = await DecideAsync(reader, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Fail closed: whatever broke, the push is refused and the pusher is told so.
                GitGateLog.GateFailed(logger, ex);
                verdict = PushVerdict.Reject("gate-error", $"git-gate: push refused: the push gate failed ({ex.GetType().Name}: {ex.Message})");
            }

            try
            {
                foreach (var message in verdict.Messages)
                {
                    await writer.WriteLineAsync(PreReceiveHook.MessagePrefix + message.ReplaceLineEndings(" "));
                }

                await writer.WriteLineAsync(verdict.Accepted ? PreReceiveHook.Accept : PreReceiveHook.Reject);
                await writer.FlushAsync(stoppingToken);
            }
            catch (IOException ex)
            {
                GitGateLog.GateFailed(logger, ex);
            }
        }
    }

    private async Task<PushVerdict> DecideAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var token = await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
        var remote = sessions.Take(token);
        if (remote is null)
        {
            return PushVerdict.Reject("bad-token", "git-gate: push refused: unknown or reused push token");
        }

        var quarantine = await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
        var updates = new List<RefUpdate>();
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(cancellationToken)))
        {
            if (updates.Count >= MaxUpdates)
            {
                return PushVerdict.Reject("bad-hook-input", $"git-gate: push refused: more than {MaxUpdates} ref updates in one push");
            }

            if (!RefUpdate.TryParse(line, out var update, out var error))
            {
                return PushVerdict.Reject("bad-hook-input", $"git-gate: push refused: {error}");
            }

            updates.Add(update!);
        }

        if (line is null)
        {
            return PushVerdict.Reject("bad-hook-input", "git-gate: push refused: the hook's ref list was cut short");
        }

        return await gate.EvaluateAsync(remote, updates, quarantine, cancellationToken);
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Net;

/// <summary>
/// The only way egress opens an outbound connection. It resolves the name itself, checks every answer against
/// the <see cref="DialPolicy"/>, and connects to an address that passed the check — the very address object that
/// was checked, so a resolver that answers differently on a second lookup (DNS rebinding) gains nothing: there is
/// no second lookup.
/// </summary>
public sealed partial class GuardedDialer(IHostResolver resolver, ISocketConnector connector, ILogger<GuardedDialer> logger)
{
    /// <summary>Resolves <paramref name="host"/> (a name or an IP literal), vets the answers and connects to the first that works.</summary>
    /// <exception cref="ForbiddenAddressException">No answer may be dialled.</exception>
    /// <exception cref="SocketException">The name did not resolve, or no permitted address accepted the connection.</exception>
    public async Task<DialedConnection> DialAsync(string host, int port, DialPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(policy);
        var literal = host.Trim('[', ']');
        IReadOnlyList<IPAddress> answers = IPAddress.TryParse(literal, out var address)
            ? [address]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (answers.Count == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound, $"'{host}' does not resolve");
        }

        var refusals = new List<string>();
        Exception? lastError = null;
        foreach (var answer in answers)
        {
            if (policy.Refusal(answer) is { } refusal)
            {
                LogRefused(host, refusal);
                refusals.Add(refusal);
                continue;
            }

            // Dial the normalised form: an IPv4-mapped answer is connected over IPv4, exactly as it was classified.
            var endPoint = new IPEndPoint(AddressClassifier.Normalize(answer), port);
            try
            {
                var socket = await connector.ConnectAsync(endPoint, cancellationToken);
                return new DialedConnection(socket, endPoint);
            }
            catch (SocketException ex)
            {
                lastError = ex;
            }
        }

        if (lastError is not null)
        {
            throw new SocketException((int)SocketError.ConnectionRefused, $"no permitted address of '{host}' accepted a connection: {lastError.Message}");
        }

        throw new ForbiddenAddressException(host, refusals);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to dial an address of {Host}: {Refusal}")]
    private partial void LogRefused(string host, string refusal);
}

namespace Bottle.Sidecars.Egress.Upstream;

/// <summary>
/// Carries, for one forwarded request, which pooled upstream connection served it. The HTTP handler picks a
/// pooled connection out of sight; the connection's stream reports itself here when the request writes to it,
/// which happens on the request's own async flow (hence an <see cref="AsyncLocal{T}"/> holder).
/// </summary>
public sealed class UpstreamExchange
{
    private static readonly AsyncLocal<UpstreamExchange?> CurrentHolder = new();

    /// <summary>The exchange of the request on this async flow, if any.</summary>
    public static UpstreamExchange? Current => CurrentHolder.Value;

    /// <summary>The connection that carried the request; null until it has been written.</summary>
    public UpstreamConnectionInfo? Connection { get; internal set; }

    /// <summary>Starts an exchange for the calling flow.</summary>
    public static UpstreamExchange Begin()
    {
        var exchange = new UpstreamExchange();
        CurrentHolder.Value = exchange;
        return exchange;
    }
}

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The inspection of one request, begun by <see cref="IRequestInspector.Begin"/>. The proxy calls
/// <see cref="InspectHead"/> once, then <see cref="InspectBodyAsync"/> for every body chunk <em>before</em> forwarding
/// it, then <see cref="CompleteBodyAsync"/> once the body has ended. Any deny stops the request: a head deny before
/// anything is sent upstream, a body deny by aborting the upstream request before the chunk (and the held-back
/// overlap before it) leaves. Calls for one request are sequential; different requests run concurrently.
/// </summary>
public interface IRequestInspection : IAsyncDisposable
{
    /// <summary>
    /// How many trailing body bytes the proxy withholds until the following chunk was inspected; 0 forwards each
    /// chunk once inspected, <see cref="int.MaxValue"/> holds the whole body until <see cref="CompleteBodyAsync"/> allowed it.
    /// Read after <see cref="InspectHead"/>.
    /// </summary>
    int BodyOverlapBytes { get; }

    /// <summary>Ids of findings that were let through (DLP warn and audit modes), for the request's audit line.</summary>
    IReadOnlyList<string> PassedFindingIds { get; }

    /// <summary>
    /// Rule ids of let-through findings the agent is to be told about (DLP warn mode): the proxy names them in the
    /// <see cref="ProxyHeaders.DlpWarning"/> header of the response and audits the request as a warning. Empty in
    /// audit mode (the log only) and when nothing was found.
    /// </summary>
    IReadOnlyList<string> WarnedRuleIds => [];

    /// <summary>Inspects URL and headers.</summary>
    InspectionVerdict InspectHead();

    /// <summary>Inspects the next chunk of the (de-chunked, still content-encoded) request body.</summary>
    ValueTask<InspectionVerdict> InspectBodyAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>Called once the whole body was seen (also for requests with no body).</summary>
    ValueTask<InspectionVerdict> CompleteBodyAsync(CancellationToken cancellationToken);
}

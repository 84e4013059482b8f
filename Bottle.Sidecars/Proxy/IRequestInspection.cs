namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The inspection of one request, begun by <see cref="IRequestInspector.Begin"/>. The proxy calls
/// <see cref="InspectHead"/> once, then <see cref="InspectBody"/> for every body chunk <em>before</em> forwarding
/// it, then <see cref="CompleteBody"/> once the body has ended. Any deny stops the request: a head deny before
/// anything is sent upstream, a body deny by aborting the upstream request before the chunk (and the held-back
/// overlap before it) leaves. Calls for one request are sequential; different requests run concurrently.
/// </summary>
public interface IRequestInspection : IDisposable
{
    /// <summary>Inspects URL and headers.</summary>
    InspectionVerdict InspectHead();

    /// <summary>Inspects the next chunk of the (de-chunked) request body.</summary>
    InspectionVerdict InspectBody(ReadOnlySpan<byte> chunk);

    /// <summary>Called once the whole body was seen (also for requests with no body).</summary>
    InspectionVerdict CompleteBody();
}

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The seam between the proxy and the DLP engine: the proxy hands every request (URL, headers, streamed body)
/// to an inspector, which may deny it. The proxy never buffers more of a body than the inspection asks it to
/// hold back (<see cref="IRequestInspection.BodyOverlapBytes"/>), so a secret split across two chunks never
/// reaches the upstream, not even in part.
/// </summary>
public interface IRequestInspector
{
    /// <summary>Begins inspecting one request.</summary>
    IRequestInspection Begin(InspectionTarget target);
}

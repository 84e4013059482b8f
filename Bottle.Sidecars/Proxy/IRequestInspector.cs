namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The seam between the proxy and the DLP engine: the proxy hands every request (URL, headers, streamed body)
/// to an inspector, which may deny it. The proxy never buffers a whole body; instead it holds back the last
/// <see cref="BodyOverlapBytes"/> forwarded bytes until the next chunk was inspected, so a secret split across
/// two chunks (up to that length) never reaches the upstream, not even in part.
/// </summary>
public interface IRequestInspector
{
    /// <summary>How many trailing body bytes the proxy withholds until the following chunk was inspected.</summary>
    int BodyOverlapBytes { get; }

    /// <summary>Begins inspecting one request.</summary>
    IRequestInspection Begin(InspectionTarget target);
}

namespace Bottle.Sidecars.Proxy;

/// <summary>How a request body is delimited on the wire.</summary>
public enum BodyFraming
{
    /// <summary>No body.</summary>
    None,

    /// <summary><c>Content-Length</c> bytes.</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>.</summary>
    Chunked,
}

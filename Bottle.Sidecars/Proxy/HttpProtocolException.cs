namespace Bottle.Sidecars.Proxy;

/// <summary>
/// A client broke the HTTP/1.1 rules the proxy enforces (malformed head, smuggling-shaped framing, limits).
/// The proxy answers with <see cref="StatusCode"/> and closes the connection.
/// </summary>
public sealed class HttpProtocolException : Exception
{
    /// <summary>Creates the exception with the status to answer and a message naming what is wrong.</summary>
    public HttpProtocolException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    /// <summary>Creates a 400 exception.</summary>
    public HttpProtocolException(string message)
        : this(400, message)
    {
    }

    /// <summary>Creates a 400 exception.</summary>
    public HttpProtocolException()
        : this(400, "bad request")
    {
    }

    /// <summary>Creates a 400 exception wrapping <paramref name="innerException"/>.</summary>
    public HttpProtocolException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = 400;

    /// <summary>The status to answer: 400, 431 or 505.</summary>
    public int StatusCode { get; }
}

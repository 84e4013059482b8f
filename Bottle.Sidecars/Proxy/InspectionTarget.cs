namespace Bottle.Sidecars.Proxy;

/// <summary>
/// What a request inspector sees of a request before it is forwarded.
/// </summary>
/// <param name="RequestId">The request's id (as in the audit line and the deny body).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Scheme"><c>https</c> for intercepted CONNECT traffic, <c>http</c> for plain proxy requests.</param>
/// <param name="Host">The destination host (lower case, no port).</param>
/// <param name="Port">The destination port.</param>
/// <param name="PathAndQuery">The request target exactly as the client sent it (origin form).</param>
/// <param name="Headers">The request headers as sent, in order (names as sent; compare case-insensitively).</param>
public sealed record InspectionTarget(
    string RequestId,
    string Method,
    string Scheme,
    string Host,
    int Port,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers);

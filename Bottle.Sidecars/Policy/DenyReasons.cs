namespace Bottle.Sidecars.Policy;

/// <summary>
/// The machine-readable reason codes a deny carries (in the 403 body, the <c>X-Bottle-Deny-Reason</c> header and
/// the audit line). Agents and people key on these strings: they are part of the contract, never renamed.
/// </summary>
public static class DenyReasons
{
    /// <summary>No rule names the destination host.</summary>
    public const string HostNotAllowed = "host-not-allowed";

    /// <summary>The host is allowed, but not on this port.</summary>
    public const string PortNotAllowed = "port-not-allowed";

    /// <summary>The host and port are allowed, but not this HTTP method.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>The host, port and method are allowed, but not this (normalised) path.</summary>
    public const string PathNotAllowed = "path-not-allowed";

    /// <summary>The destination is an IP literal that no rule's CIDR covers.</summary>
    public const string IpLiteral = "ip-literal";

    /// <summary>The TLS SNI differs from the host named in CONNECT.</summary>
    public const string SniMismatch = "sni-mismatch";

    /// <summary>The Host header differs from the CONNECT authority (or the absolute-form URI).</summary>
    public const string HostHeaderMismatch = "host-header-mismatch";

    /// <summary>The path could not be normalised safely (bad escapes, encoded separators, control bytes).</summary>
    public const string BadPath = "bad-path";

    /// <summary>The request inspector (DLP) reported a finding.</summary>
    public const string DlpFinding = "dlp-finding";

    /// <summary>The request broke the proxy's HTTP rules (malformed head, ambiguous framing, limits).</summary>
    public const string MalformedRequest = "malformed-request";

    /// <summary>Not a deny: the request was allowed but the upstream could not be reached or failed.</summary>
    public const string UpstreamError = "upstream-error";
}

namespace Bottle.Sidecars.Audit;

/// <summary>
/// One decision of a sidecar, as one JSON line in <c>audit.jsonl</c> and on stdout. Shared by pipelock, egress
/// and git-gate (<see cref="Sidecar"/> tells them apart). Never holds a secret: paths are redacted
/// (<see cref="AuditRedaction"/>) and findings appear only as ids.
/// </summary>
/// <param name="Time">When the decision was made.</param>
/// <param name="RequestId">The request's id (as in the deny body).</param>
/// <param name="Sidecar"><c>pipelock</c>, <c>egress</c> or <c>git-gate</c>.</param>
/// <param name="Method">The HTTP method (or <c>CONNECT</c>, or a git verb).</param>
/// <param name="Host">The destination host.</param>
/// <param name="Port">The destination port.</param>
/// <param name="Path">The redacted path (query values removed).</param>
/// <param name="Decision"><see cref="Allow"/>, <see cref="Warn"/>, <see cref="Deny"/> or <see cref="Error"/>.</param>
/// <param name="Reason">The deny reason code, or the error; null when allowed.</param>
/// <param name="Rule">The policy rule or DLP rule involved, if any.</param>
/// <param name="FindingIds">DLP finding ids (empty when none).</param>
/// <param name="BytesUp">Request body bytes sent upstream.</param>
/// <param name="BytesDown">Response body bytes sent back to the client.</param>
/// <param name="DurationMs">Time from request head to the end of the response, in milliseconds.</param>
public sealed record AuditEvent(
    DateTimeOffset Time,
    string RequestId,
    string Sidecar,
    string Method,
    string Host,
    int Port,
    string Path,
    string Decision,
    string? Reason,
    string? Rule,
    IReadOnlyList<string> FindingIds,
    long BytesUp,
    long BytesDown,
    double DurationMs)
{
    /// <summary>The decision value of an allowed request.</summary>
    public const string Allow = "allow";

    /// <summary>The decision value of a request let through with DLP findings the agent was told about (DLP warn mode).</summary>
    public const string Warn = "warn";

    /// <summary>The decision value of a denied request.</summary>
    public const string Deny = "deny";

    /// <summary>The decision value of an allowed request that failed upstream.</summary>
    public const string Error = "error";

    /// <summary>egress: the source address (pipelock, git-gate, or a refused stranger).</summary>
    public string? Source { get; init; }

    /// <summary>egress: <c>https</c>, <c>http</c> or <c>tunnel</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>egress: the kind of refusal or error (<c>Egress.Audit.EgressAuditCategories</c>).</summary>
    public string? Category { get; init; }

    /// <summary>egress: the credentials injected, by name (never values).</summary>
    public IReadOnlyList<string>? Credentials { get; init; }

    /// <summary>egress: the address actually dialled (<c>ip:port</c>).</summary>
    public string? UpstreamAddress { get; init; }

    /// <summary>egress: the negotiated upstream TLS version (<c>Tls13</c>); null for plain TCP.</summary>
    public string? TlsVersion { get; init; }

    /// <summary>egress: the upstream's HTTP status, or the status egress answered with when it refused.</summary>
    public int? UpstreamStatus { get; init; }
}

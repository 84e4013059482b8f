namespace Bottle.Sidecars.Egress.Audit;

/// <summary>
/// One egress decision, written as one JSON line with <c>sidecar: "egress"</c> beside pipelock's lines.
/// Never holds a credential value: only credential names.
/// </summary>
public sealed record EgressAuditEvent
{
    /// <summary>When the decision was made.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Always <c>egress</c>.</summary>
    public string Sidecar { get; init; } = "egress";

    /// <summary><c>allow</c>, <c>block</c> or <c>error</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>For blocks and errors: <see cref="EgressAuditCategories"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Human-readable why, for blocks and errors.</summary>
    public string? Reason { get; init; }

    /// <summary>The source address (pipelock or git-gate, or the refused stranger).</summary>
    public string? Source { get; init; }

    /// <summary>The method, or <c>CONNECT</c> for tunnels.</summary>
    public string? Method { get; init; }

    /// <summary><c>https</c>, <c>http</c> or <c>tunnel</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>The destination host.</summary>
    public string? Host { get; init; }

    /// <summary>The destination port.</summary>
    public int? Port { get; init; }

    /// <summary>The request path, without the query.</summary>
    public string? Path { get; init; }

    /// <summary>The rule that allowed it (<see cref="Policy.EgressRule.Describe"/>).</summary>
    public string? Rule { get; init; }

    /// <summary>The credentials injected, by name.</summary>
    public IReadOnlyList<string>? Credentials { get; init; }

    /// <summary>The address actually dialled (<c>ip:port</c>).</summary>
    public string? UpstreamAddress { get; init; }

    /// <summary>The negotiated upstream TLS version (<c>TLSv1.3</c>), null for plain TCP.</summary>
    public string? TlsVersion { get; init; }

    /// <summary>The upstream's HTTP status (or the status egress answered with when it blocked).</summary>
    public int? Status { get; init; }

    /// <summary>Bytes sent upstream (request body, or tunnel bytes out).</summary>
    public long BytesOut { get; init; }

    /// <summary>Bytes returned to the source (response body, or tunnel bytes in).</summary>
    public long BytesIn { get; init; }

    /// <summary>Time from request head to end of response, in milliseconds.</summary>
    public double DurationMs { get; init; }
}

namespace Bottle.Sidecars.Egress.Audit;

/// <summary>The <see cref="Sidecars.Audit.AuditEvent.Category"/> values.</summary>
public static class EgressAuditCategories
{
    /// <summary>Something pipelock should have stopped reached egress (no rule allows it, or it is malformed).</summary>
    public const string Anomaly = "anomaly";

    /// <summary>A credential placeholder headed somewhere it does not belong.</summary>
    public const string ExfiltrationAttempt = "exfiltration-attempt";

    /// <summary>The destination resolved only to addresses the bottle must not reach.</summary>
    public const string ForbiddenAddress = "forbidden-address";

    /// <summary>A connection from an address that is neither pipelock nor git-gate.</summary>
    public const string SourceRefused = "source-refused";

    /// <summary>Upstream TLS failed validation or negotiation.</summary>
    public const string UpstreamTls = "upstream-tls";

    /// <summary>The upstream could not be reached or broke off.</summary>
    public const string UpstreamError = "upstream-error";
}

namespace Bottle.AppHost.Dashboard.Audit;

/// <summary>What a sidecar decided about one request.</summary>
public enum AuditDecision
{
    /// <summary>The request was let through.</summary>
    Allow,

    /// <summary>The request was refused by policy (host, port, method or path not allowed).</summary>
    Deny,

    /// <summary>The request was refused because data loss prevention found a secret in it.</summary>
    Dlp,

    /// <summary>The request was allowed but failed on its way (upstream unreachable, TLS refused), or the decision was not understood.</summary>
    Error,
}

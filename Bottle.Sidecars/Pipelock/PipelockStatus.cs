using System.Globalization;
using System.Text;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// A snapshot of pipelock for the admin endpoint: <c>/health</c> renders it as JSON (policy version, rule count),
/// <c>/metrics</c> as Prometheus text (<see cref="ToPrometheusText"/>).
/// </summary>
/// <param name="PolicyVersion">The version of the policy in force (grows with each applied reload).</param>
/// <param name="RuleCount">The number of allow rules in force.</param>
/// <param name="LastReloadError">Why the last reload was rejected, or null.</param>
/// <param name="RequestsAllowed">Requests forwarded (and CONNECT tunnels opened).</param>
/// <param name="RequestsDenied">Requests denied.</param>
/// <param name="RequestsFailed">Allowed requests that failed upstream.</param>
/// <param name="DeniedByReason">Denies per reason code.</param>
/// <param name="BytesUp">Request body bytes sent upstream.</param>
/// <param name="BytesDown">Response body bytes sent to clients.</param>
/// <param name="LeafCertificates">Leaf certificates minted.</param>
/// <param name="AuditDropped">Audit events dropped because the writer fell behind.</param>
public sealed record PipelockStatus(
    long PolicyVersion,
    int RuleCount,
    string? LastReloadError,
    long RequestsAllowed,
    long RequestsDenied,
    long RequestsFailed,
    IReadOnlyDictionary<string, long> DeniedByReason,
    long BytesUp,
    long BytesDown,
    long LeafCertificates,
    long AuditDropped)
{
    /// <summary>Prometheus text exposition (version 0.0.4).</summary>
    public string ToPrometheusText()
    {
        var sb = new StringBuilder();
        Metric(sb, "pipelock_policy_version", "gauge", "Version of the policy in force.", PolicyVersion);
        Metric(sb, "pipelock_policy_rules", "gauge", "Allow rules in force.", RuleCount);
        sb.Append("# HELP pipelock_requests_total Requests by decision.\n# TYPE pipelock_requests_total counter\n");
        Sample(sb, "pipelock_requests_total{decision=\"allow\"}", RequestsAllowed);
        Sample(sb, "pipelock_requests_total{decision=\"deny\"}", RequestsDenied);
        Sample(sb, "pipelock_requests_total{decision=\"error\"}", RequestsFailed);
        sb.Append("# HELP pipelock_denied_total Denied requests by reason.\n# TYPE pipelock_denied_total counter\n");
        foreach (var (reason, count) in DeniedByReason)
        {
            Sample(sb, $"pipelock_denied_total{{reason=\"{reason}\"}}", count);
        }

        sb.Append("# HELP pipelock_bytes_total Body bytes by direction.\n# TYPE pipelock_bytes_total counter\n");
        Sample(sb, "pipelock_bytes_total{direction=\"up\"}", BytesUp);
        Sample(sb, "pipelock_bytes_total{direction=\"down\"}", BytesDown);
        Metric(sb, "pipelock_leaf_certificates_minted_total", "counter", "Leaf certificates minted.", LeafCertificates);
        Metric(sb, "pipelock_audit_dropped_total", "counter", "Audit events dropped.", AuditDropped);
        return sb.ToString();
    }

    private static void Metric(StringBuilder sb, string name, string type, string help, long value)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        Sample(sb, name, value);
    }

    private static void Sample(StringBuilder sb, string series, long value) =>
        sb.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}

using System.Buffers;
using System.Text.Json;

namespace Bottle.Sidecars.Proxy;

/// <summary>
/// The body of a refusal, as agents and people read it: <c>{blocked, reason, rule, host, requestId, hint}</c>,
/// sent with status 403 (or 502 for upstream failures, with <c>blocked:false</c>) and the reason repeated in
/// <see cref="ReasonHeader"/>. Never carries a matched secret: DLP denies name the rule and finding ids only.
/// </summary>
/// <param name="Blocked">True for a policy or DLP deny; false for an upstream failure.</param>
/// <param name="Reason">The reason code (see <see cref="Policy.DenyReasons"/>).</param>
/// <param name="Rule">The policy rule (described) or DLP rule id involved, if any.</param>
/// <param name="Host">The destination host.</param>
/// <param name="RequestId">The request id, as in the audit line.</param>
/// <param name="Hint">What would be allowed, or what went wrong, in plain words.</param>
public sealed record DenyResponse(bool Blocked, string Reason, string? Rule, string Host, string RequestId, string? Hint)
{
    /// <summary>The response header that carries the reason code.</summary>
    public const string ReasonHeader = "X-Bottle-Deny-Reason";

    /// <summary>The JSON body, UTF-8.</summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("blocked", Blocked);
            json.WriteString("reason", Reason);
            json.WriteString("rule", Rule);
            json.WriteString("host", Host);
            json.WriteString("requestId", RequestId);
            json.WriteString("hint", Hint);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

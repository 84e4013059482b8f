using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Sidecars.GitGate.Reporting;

/// <summary>A finding of a rejected push, as kept in <c>findings.json</c>.</summary>
/// <param name="Time">When the push was rejected.</param>
/// <param name="Remote">The remote the agent pushed to.</param>
/// <param name="Finding">The finding (redacted).</param>
public sealed record RecordedFinding(DateTimeOffset Time, string Remote, PushFinding Finding);

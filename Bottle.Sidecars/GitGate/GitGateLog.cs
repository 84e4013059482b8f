using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate;

/// <summary>git-gate's structured log messages (source-generated).</summary>
internal static partial class GitGateLog
{
    [LoggerMessage(1, LogLevel.Information, "git-gate mirror of '{Remote}' is ready")]
    public static partial void MirrorReady(ILogger logger, string remote);

    [LoggerMessage(2, LogLevel.Error, "git-gate mirror of '{Remote}' could not be filled: {Error}")]
    public static partial void MirrorFailed(ILogger logger, string remote, string error);

    [LoggerMessage(3, LogLevel.Warning, "git-gate found {Count} secret(s) in a push to '{Remote}': {Where}")]
    public static partial void SecretsFound(ILogger logger, string remote, int count, string where);

    [LoggerMessage(4, LogLevel.Information, "git-gate accepted a push to '{Remote}' ({Refs}): ref checks {CheckMs:F0} ms, {Commits} new commit(s) scanned in {ScanMs:F0} ms, upstream push {UpstreamMs:F0} ms")]
    public static partial void PushAccepted(ILogger logger, string remote, string refs, double checkMs, int commits, double scanMs, double upstreamMs);

    [LoggerMessage(5, LogLevel.Warning, "git-gate rejected a push to '{Remote}': {Reason}")]
    public static partial void PushRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(6, LogLevel.Warning, "git-gate: the real remote '{Remote}' refused a push: {Error}")]
    public static partial void UpstreamRefused(ILogger logger, string remote, string error);

    [LoggerMessage(7, LogLevel.Error, "git-gate push gate failed; the push was refused")]
    public static partial void GateFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "git-gate: git {Service} for '{Remote}' exited {ExitCode}: {Error}")]
    public static partial void ServiceFailed(ILogger logger, string service, string remote, int exitCode, string error);

    [LoggerMessage(9, LogLevel.Warning, "git-gate could not refresh the mirror of '{Remote}' before a fetch: {Error}")]
    public static partial void RefreshFailed(ILogger logger, string remote, string error);
}

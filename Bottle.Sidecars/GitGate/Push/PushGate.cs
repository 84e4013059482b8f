using Bottle.Sidecars.Audit;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Mirrors;
using Bottle.Sidecars.GitGate.Policy;
using Bottle.Sidecars.GitGate.Reporting;
using Bottle.Sidecars.GitGate.Scanning;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>
/// Decides a push while its objects are quarantined: ref policy first, then the secret scan of every new commit,
/// then the push to the real remote with a lease on each ref's old value. Only when all three pass is the push
/// accepted, and only then does git move the mirror's refs. Every error rejects.
/// </summary>
internal sealed class PushGate(
    MirrorStore mirrors,
    GitRunner git,
    PushScanner scanner,
    RefTargetReader targetReader,
    FindingsReport report,
    GitGateMetrics metrics,
    TimeProvider time,
    ILogger<PushGate> logger,
    AuditWriter? audit = null)
{
    private const string Prefix = "git-gate: ";
    private const int MaxListed = 20;

    /// <summary>Evaluates the ref updates of one push to <paramref name="remote"/>.</summary>
    /// <param name="remote">The remote pushed to.</param>
    /// <param name="updates">The ref updates, as the pre-receive hook got them.</param>
    /// <param name="quarantinePath">git's quarantine directory holding the pushed objects.</param>
    /// <param name="cancellationToken">Cancels the evaluation (the push is then refused).</param>
    public async Task<PushVerdict> EvaluateAsync(
        GitGateRemoteOptions remote,
        IReadOnlyList<RefUpdate> updates,
        string quarantinePath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(updates);
        var started = time.GetTimestamp();
        PushVerdict verdict;
        try
        {
            verdict = await DecideAsync(remote, updates, quarantinePath, cancellationToken);
        }
        catch (Exception ex) when (ex is GitCommandException or FormatException or IOException)
        {
            GitGateLog.GateFailed(logger, ex);
            verdict = Rejected(remote, "gate-error", $"push refused: the push gate failed ({ex.Message})");
        }

        audit?.Write(new AuditEvent(
            time.GetUtcNow(),
            Guid.NewGuid().ToString("n"),
            "git-gate",
            "push",
            remote.Name,
            0,
            string.Join(',', updates.Select(u => u.RefName)),
            verdict.Accepted ? AuditEvent.Allow : AuditEvent.Deny,
            verdict.Reason,
            verdict.Findings is { Count: > 0 } found ? found[0].RuleId : null,
            verdict.Findings?.Select(f => f.Fingerprint).ToList() ?? [],
            0,
            0,
            time.GetElapsedTime(started).TotalMilliseconds));
        return verdict;
    }

    private async Task<PushVerdict> DecideAsync(
        GitGateRemoteOptions remote,
        IReadOnlyList<RefUpdate> updates,
        string quarantinePath,
        CancellationToken cancellationToken)
    {
        var mirror = mirrors.PathOf(remote);
        var objects = Path.GetFullPath(Path.Combine(mirror, "objects"));
        // Commands run against the quarantined objects plus the mirror's own, exactly what receive-pack sees.
        // git makes no quarantine when no pack came (a push of deletions only); then the mirror's objects are all there is.
        Dictionary<string, string> objectEnvironment = new(StringComparer.Ordinal);
        if (quarantinePath.Length > 0)
        {
            var quarantine = Path.GetFullPath(quarantinePath);
            if (!quarantine.StartsWith(objects + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !Directory.Exists(quarantine))
            {
                return Rejected(remote, "bad-quarantine", "push refused: the pushed objects are not in this mirror's quarantine");
            }

            objectEnvironment["GIT_OBJECT_DIRECTORY"] = quarantine;
            objectEnvironment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = objects;
        }

        var checksStarted = time.GetTimestamp();
        var pushed = updates.Where(u => !u.IsDelete).Select(u => u.NewId).Distinct(StringComparer.Ordinal).ToList();
        var targets = await targetReader.ReadAsync(mirror, pushed, objectEnvironment, cancellationToken);
        var violations = new List<string>();
        foreach (var update in updates)
        {
            var violation = CheckTarget(update, targets)
                ?? RefPolicy.Check(remote, update, await IsFastForwardAsync(mirror, update, objectEnvironment, cancellationToken));
            if (violation is not null)
            {
                violations.Add(violation);
            }
        }

        if (violations.Count > 0)
        {
            return Rejected(remote, "ref-policy", ["push rejected by the ref policy; nothing was pushed upstream:", .. violations.Select(v => "  " + v)]);
        }

        var checkMs = time.GetElapsedTime(checksStarted).TotalMilliseconds;
        // Commits are scanned from the peeled tips; the annotated tags passed on the way are scanned themselves.
        var tips = pushed.Select(id => targets[id].PeeledId).Distinct(StringComparer.Ordinal).ToList();
        var tags = pushed.SelectMany(id => targets[id].Tags).DistinctBy(t => t.Id).ToList();
        var scanStarted = time.GetTimestamp();
        var scan = await scanner.ScanAsync(mirror, tips, tags, objectEnvironment, remote, cancellationToken);
        metrics.Scanned(scan.Commits, scan.DiffCharacters);
        var notes = Notes(scan);
        if (scan.OverSizeCap)
        {
            return Rejected(remote, "size-cap", [$"push rejected: the new commits' diff is larger than the scan cap ({scan.DiffCharacters:N0}+ characters); nothing was pushed upstream. Push in smaller parts.", .. notes]);
        }

        if (scan.Findings.Count > 0)
        {
            metrics.Findings(scan.Findings.Count);
            await report.RecordAsync(remote.Name, scan.Findings, cancellationToken);
            GitGateLog.SecretsFound(logger, remote.Name, scan.Findings.Count, string.Join(", ", scan.Findings.Select(f => $"{f.RuleId}@{f.Commit[..12]}:{f.Path}:{f.Line}")));
            return Rejected(remote, "secret-found", [.. FindingLines(scan), .. notes]) with { Findings = scan.Findings };
        }

        var scanMs = time.GetElapsedTime(scanStarted).TotalMilliseconds;
        var upstreamStarted = time.GetTimestamp();
        var upstream = await PushUpstreamAsync(remote, mirror, updates, objectEnvironment, cancellationToken);
        if (upstream is not null)
        {
            return Rejected(remote, "upstream-refused", [.. upstream, .. notes]);
        }

        metrics.Push(remote.Name, accepted: true);
        GitGateLog.PushAccepted(logger, remote.Name, string.Join(", ", updates.Select(u => u.RefName)), checkMs, scan.Commits, scanMs, time.GetElapsedTime(upstreamStarted).TotalMilliseconds);
        return new PushVerdict(true, [.. new[] { $"scanned {Scanned(scan)}: no secrets; pushed to the real remote." }.Concat(notes).Select(l => Prefix + l)]);
    }

    /// <summary>Refuses refs that point at something other than a commit (or, under refs/tags, an annotated tag of one).</summary>
    private static string? CheckTarget(RefUpdate update, IReadOnlyDictionary<string, RefTarget> targets)
    {
        if (update.IsDelete)
        {
            return null;
        }

        var target = targets[update.NewId];
        if (target.Type == "tag" && update.IsTag)
        {
            return target.PeeledType == "commit"
                ? null
                : $"{update.RefName}: the annotated tag points at a {target.PeeledType}, not a commit";
        }

        return target.Type == "commit"
            ? null
            : $"{update.RefName}: points at a {(target.Type == RefTarget.Missing ? "missing object" : target.Type)}, not a commit";
    }

    private async Task<bool> IsFastForwardAsync(string mirror, RefUpdate update, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        // Moving a tag counts as a rewrite whatever its history (see RefPolicy), so no git is asked about it.
        if (update.IsCreate || update.IsDelete || update.IsTag)
        {
            return true;
        }

        var result = await git.RunAsync(mirror, ["merge-base", "--is-ancestor", update.OldId, update.NewId], cancellationToken, environment);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new GitCommandException($"checking whether {update.RefName} fast-forwards failed: {result.StandardError}"),
        };
    }

    /// <summary>Pushes atomically with a lease per ref; returns the lines to show on failure, or null on success.</summary>
    private async Task<IReadOnlyList<string>?> PushUpstreamAsync(
        GitGateRemoteOptions remote,
        string mirror,
        IReadOnlyList<RefUpdate> updates,
        Dictionary<string, string> objectEnvironment,
        CancellationToken cancellationToken)
    {
        List<string> arguments = ["push", "--porcelain", "--atomic", "--no-verify", remote.Url];
        foreach (var update in updates)
        {
            // An empty expected value in the lease means "the ref must not exist yet".
            arguments.Add($"--force-with-lease={update.RefName}:{(update.IsCreate ? string.Empty : update.OldId)}");
            arguments.Add(update.IsDelete ? $":{update.RefName}" : $"{update.NewId}:{update.RefName}");
        }

        var environment = new Dictionary<string, string>(objectEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in remote.UpstreamEnvironment)
        {
            environment[key] = value;
        }

        var result = await git.RunAsync(mirror, arguments, cancellationToken, environment);
        if (result.Succeeded)
        {
            return null;
        }

        GitGateLog.UpstreamRefused(logger, remote.Name, result.StandardError);
        var lines = new List<string> { "push rejected: the real remote refused it; nothing changed there or here." };
        var stale = result.StandardOutput.Contains("stale info", StringComparison.Ordinal)
            || result.StandardError.Contains("stale info", StringComparison.Ordinal);
        if (stale)
        {
            lines.Add("  the real remote moved since your last fetch: fetch, rebase or merge, and push again.");
        }

        lines.AddRange(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('!'))
            .Select(l => "  upstream: " + l.Replace('\t', ' ')));
        lines.AddRange(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("fatal:", StringComparison.Ordinal))
            .Select(l => "  upstream: " + l));
        return lines;
    }

    private static List<string> FindingLines(PushScanResult scan)
    {
        var lines = new List<string>
        {
            $"push rejected: {scan.Findings.Count} secret(s) found in {Scanned(scan)}; nothing was pushed upstream.",
        };
        lines.AddRange(scan.Findings.Take(MaxListed).Select(f =>
            $"  {f.Path}:{f.Line}  {(f.IsInTag ? "tag" : "commit")} {f.Commit[..12]}  rule {f.RuleId}  match {f.Redacted}  fingerprint {f.Fingerprint}"));
        if (scan.Findings.Count > MaxListed)
        {
            lines.Add($"  ... and {scan.Findings.Count - MaxListed} more (see findings.sarif)");
        }

        lines.Add("remove the secret from every commit that adds it (e.g. git rebase -i), then push again;");
        lines.Add("a secret removed in a later commit is still in the history that would be pushed.");
        return lines;
    }

    private static string Scanned(PushScanResult scan) =>
        scan.Tags == 0 ? $"{scan.Commits} new commit(s)" : $"{scan.Commits} new commit(s) and {scan.Tags} annotated tag(s)";

    private static List<string> Notes(PushScanResult scan)
    {
        var notes = new List<string>();
        if (scan.BinaryFiles.Count > 0)
        {
            notes.Add($"skipped {scan.BinaryFiles.Count} binary file(s), not scanned: {string.Join(", ", scan.BinaryFiles.Take(MaxListed))}{(scan.BinaryFiles.Count > MaxListed ? ", ..." : string.Empty)}");
        }

        if (scan.Allowlisted.Count > 0)
        {
            notes.Add($"{scan.Allowlisted.Count} finding(s) accepted by the allowlist or an allowed inline '{GitGateOptions.InlineIgnoreMarker}'.");
        }

        return notes;
    }

    private PushVerdict Rejected(GitGateRemoteOptions remote, string reason, params string[] lines)
    {
        metrics.Push(remote.Name, accepted: false);
        GitGateLog.PushRejected(logger, remote.Name, lines.Length > 0 ? lines[0] : string.Empty);
        return new PushVerdict(false, lines.Select(l => Prefix + l).ToList(), reason);
    }
}

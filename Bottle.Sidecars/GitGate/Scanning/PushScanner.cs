using System.Text;
using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Scans every added line of every new commit of a push, and each commit message. New commits are those
/// reachable from the pushed tips and not from any ref of the mirror (what the real remote already has), so a
/// secret added in one commit and removed in a later one is still seen. Merges are diffed against their
/// first parent. One <c>git log -p</c> process streams the whole push. Annotated tags of the push are scanned
/// too (tag name, tagger line and message), since they travel upstream with it.
/// </summary>
internal sealed class PushScanner(GitGateOptions options, GitRunner git, ISecretScanner scanner)
{
    /// <summary>git's id of the empty tree: pointing <c>attr.tree</c> at it stops pushed .gitattributes from hiding files as binary.</summary>
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /// <summary>Scans <paramref name="tags"/> and the commits reachable from <paramref name="tips"/> and not from the mirror's refs.</summary>
    public async Task<PushScanResult> ScanAsync(
        string mirrorPath,
        IReadOnlyList<string> tips,
        IReadOnlyList<AnnotatedTag> tags,
        IEnumerable<KeyValuePair<string, string>> objectEnvironment,
        GitGateRemoteOptions remote,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var findings = new List<PushFinding>();
        var allowlisted = new List<PushFinding>();
        var binaries = new List<string>();
        var allowed = remote.AllowFingerprints.ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            Collect(tag.Id, PushFinding.TagMessagePath, TagLines(tag), allowed, findings, allowlisted);
        }

        if (tips.Count == 0)
        {
            return new PushScanResult(0, findings, allowlisted, binaries, 0, false, tags.Count);
        }

        string[] arguments =
        [
            "-c", "core.quotePath=false", "-c", $"attr.tree={EmptyTree}", "-c", "diff.noprefix=false",
            "log", "-p", "--reverse", "--no-renames", "--diff-merges=first-parent", "--no-color", "--no-ext-diff",
            "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "--format=%x00%H%x00%B%x00",
            .. tips, "--not", "--all", "--",
        ];
        using var process = git.Start(git.CreateStartInfo(mirrorPath, arguments, objectEnvironment));
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var parser = new DiffStreamParser(process.StandardOutput);
        var commits = 0;
        var over = false;
        var completed = false;
        try
        {
            await foreach (var item in parser.ReadAsync(cancellationToken))
            {
                if (parser.CharactersRead > options.MaxDiffBytes)
                {
                    over = true;
                    break;
                }

                switch (item)
                {
                    case CommitMessageItem message:
                        commits++;
                        Collect(message.Commit, PushFinding.CommitMessagePath, SplitMessage(message.Message), allowed, findings, allowlisted);
                        break;
                    case AddedLinesItem file:
                        Collect(file.Commit, file.Path, file.Lines, allowed, findings, allowlisted);
                        break;
                    case BinaryFileItem binary:
                        binaries.Add($"{binary.Commit[..12]}:{binary.Path}");
                        break;
                }
            }

            completed = !over;
        }
        finally
        {
            if (!completed)
            {
                GitRunner.Kill(process); // over the cap or failed: stop git rather than read the rest
            }
        }

        await GitRunner.WaitForExitAsync(process, cancellationToken);
        var error = await stderr;
        if (!over && process.ExitCode != 0)
        {
            throw new GitCommandException($"listing the pushed commits failed (git log exit {process.ExitCode}): {error.Trim()}");
        }

        return new PushScanResult(commits, findings, allowlisted, binaries, parser.CharactersRead, over, tags.Count);
    }

    private void Collect(
        string commit,
        string path,
        IReadOnlyList<AddedLine> lines,
        HashSet<string> allowed,
        List<PushFinding> findings,
        List<PushFinding> allowlisted)
    {
        // One scan per file and commit: the added lines joined, so multi-line secrets (key blocks) are seen whole.
        var text = new StringBuilder();
        var starts = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            starts[i] = text.Length;
            text.Append(lines[i].Text).Append('\n');
        }

        foreach (var match in scanner.Scan(text.ToString()))
        {
            var index = Array.BinarySearch(starts, match.Index);
            var line = lines[index >= 0 ? index : ~index - 1];
            var finding = new PushFinding(match.RuleId, match.RuleDescription, commit, path, line.Number, match.Redacted, match.Fingerprint);
            var suppressed = allowed.Contains(match.Fingerprint)
                || (options.AllowInlineIgnore && line.Text.Contains(GitGateOptions.InlineIgnoreMarker, StringComparison.Ordinal));
            (suppressed ? allowlisted : findings).Add(finding);
        }
    }

    /// <summary>
    /// A tag object's lines, numbered as <c>git cat-file tag</c> prints them. The leading <c>object</c> and
    /// <c>type</c> lines are git's own (an id and a type name), so they are left out of the scan.
    /// </summary>
    private static AddedLine[] TagLines(AnnotatedTag tag) =>
        tag.Text.TrimEnd('\n').Split('\n')
            .Select((text, i) => new AddedLine(i + 1, (i == 0 && text.StartsWith("object ", StringComparison.Ordinal)) || (i == 1 && text.StartsWith("type ", StringComparison.Ordinal)) ? string.Empty : text))
            .ToArray();

    private static AddedLine[] SplitMessage(string message) =>
        message.Split('\n').Select((text, i) => new AddedLine(i + 1, text)).ToArray();
}

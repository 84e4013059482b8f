using System.Text;
using System.Threading.Channels;
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
        var found = new Collected(remote.AllowFingerprints.ToHashSet(StringComparer.Ordinal));
        foreach (var tag in tags)
        {
            Collect(tag.Id, PushFinding.TagMessagePath, TagText(tag), found);
        }

        if (tips.Count == 0)
        {
            return found.Result(0, false, tags.Count);
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
        // A 64 KiB decode buffer rather than the default 4 KiB: ten times fewer reads for a large push.
        using var output = new StreamReader(process.StandardOutput.BaseStream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var parser = new DiffStreamParser(output, options.MaxDiffBytes);
        var over = false;
        var completed = false;
        try
        {
            over = await ScanStreamAsync(parser, found, cancellationToken);
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

        return found.Result(parser.CharactersRead, over, tags.Count);
    }

    /// <summary>
    /// Feeds the parsed items to the scanner; true when the diff went over the size cap. Parsing (this task) and
    /// the DLP engine (a second task) run side by side through a bounded channel, so with git producing the diff
    /// that is three stages on the machine's cores; the bound makes a slow scan hold back git rather than buffer
    /// the whole push. Items are scanned in order by the one consumer, so the findings' order is stable.
    /// </summary>
    private async Task<bool> ScanStreamAsync(DiffStreamParser parser, Collected found, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DiffItem>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in channel.Reader.ReadAllAsync(stop.Token))
                    {
                        Scan(item, found);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await stop.CancelAsync(); // unblock the parser waiting on a full channel
                    throw;
                }
            },
            CancellationToken.None);

        var over = false;
        Exception? failure = null;
        try
        {
            await foreach (var item in parser.ReadAsync(stop.Token))
            {
                if (parser.CharactersRead > options.MaxDiffBytes)
                {
                    over = true;
                    break;
                }

                await channel.Writer.WriteAsync(item, stop.Token);
            }
        }
        catch (FormatException) when (parser.LineTooLong)
        {
            // The parse stopped at a line longer than the cap, mid-hunk: that is the size cap, not bad output.
        }
        catch (Exception ex)
        {
            failure = ex;
            await stop.CancelAsync();
        }

        channel.Writer.TryComplete();
        try
        {
            await consumer; // a scanner failure surfaces here, ahead of the cancellation it caused in the parser
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // The consumer stopped because the parser failed; that failure is the one to report.
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return over || parser.LineTooLong;
    }

    private void Scan(DiffItem item, Collected found)
    {
        switch (item)
        {
            case CommitMessageItem message:
                found.Commits++;
                Collect(message.Commit, PushFinding.CommitMessagePath, AddedText.Numbered(message.Message.Split('\n')), found);
                break;
            case AddedLinesItem file:
                Collect(file.Commit, file.Path, file.Added, found);
                break;
            case BinaryFileItem binary:
                found.Binaries.Add($"{binary.Commit[..12]}:{binary.Path}");
                break;
        }
    }

    private void Collect(string commit, string path, AddedText added, Collected found)
    {
        foreach (var match in scanner.Scan(added.Text))
        {
            var index = added.IndexAt(match.Index);
            var finding = new PushFinding(match.RuleId, match.RuleDescription, commit, path, added.NumberOf(index), match.Redacted, match.Fingerprint);
            var suppressed = found.Allowed.Contains(match.Fingerprint)
                || (options.AllowInlineIgnore && added.LineText(index).Contains(GitGateOptions.InlineIgnoreMarker, StringComparison.Ordinal));
            (suppressed ? found.Allowlisted : found.Findings).Add(finding);
        }
    }

    /// <summary>
    /// A tag object's lines, numbered as <c>git cat-file tag</c> prints them. The leading <c>object</c> and
    /// <c>type</c> lines are git's own (an id and a type name), so they are left out of the scan.
    /// </summary>
    private static AddedText TagText(AnnotatedTag tag) =>
        AddedText.Numbered(tag.Text.TrimEnd('\n').Split('\n')
            .Select((text, i) => (i == 0 && text.StartsWith("object ", StringComparison.Ordinal)) || (i == 1 && text.StartsWith("type ", StringComparison.Ordinal)) ? string.Empty : text)
            .ToList());

    /// <summary>What one scan gathers.</summary>
    private sealed class Collected(HashSet<string> allowed)
    {
        public HashSet<string> Allowed { get; } = allowed;

        public List<PushFinding> Findings { get; } = [];

        public List<PushFinding> Allowlisted { get; } = [];

        public List<string> Binaries { get; } = [];

        public int Commits { get; set; }

        public PushScanResult Result(long characters, bool over, int tags) =>
            new(Commits, Findings, Allowlisted, Binaries, characters, over, tags);
    }
}

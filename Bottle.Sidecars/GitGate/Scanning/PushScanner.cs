using System.Text;
using System.Threading.Channels;
using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Scans every added line of every new commit of a push, and each commit message. New commits are those
/// reachable from the pushed tips and not from any ref of the mirror (what the real remote already has), so a
/// secret added in one commit and removed in a later one is still seen. Merges are diffed against their first
/// parent. Three git processes at most: <c>git log --raw</c> lists the new commits and the files each changes
/// (tree diffs only, no contents) and, as it goes, feeds <c>git cat-file --batch</c>, which streams the commit
/// messages and the blobs that commits add whole (new files: every line is an added line, so no diff is needed,
/// and a blob added by several commits is scanned once and reported for each); and only when some commit modifies a file, <c>git log -p
/// --diff-filter=M</c> gives the added lines of those modifications. Annotated tags of the push are scanned too
/// (tag name, tagger line and message), since they travel upstream with it.
/// </summary>
internal sealed class PushScanner(GitGateOptions options, GitRunner git, ISecretScanner scanner)
{
    /// <summary>git's id of the empty tree: pointing <c>attr.tree</c> at it stops pushed .gitattributes from hiding files as binary.</summary>
    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /// <summary>git calls a file binary when its first this many bytes hold a NUL (xdiff's <c>buffer_is_binary</c>).</summary>
    private const int BinaryProbeBytes = 8000;

    /// <summary>Options shared by every git log of the scan: first-parent diffs of merges, no renames, nothing user-configurable.</summary>
    private static readonly string[] LogOptions =
    [
        "--no-renames", "--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--no-textconv",
    ];

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
        var environment = objectEnvironment.ToList();
        var found = new Collected(remote.AllowFingerprints.ToHashSet(StringComparer.Ordinal));
        foreach (var tag in tags)
        {
            var text = TagText(tag);
            Collect(tag.Id, PushFinding.TagMessagePath, text, scanner.Scan(text.Text), found);
        }

        if (tips.Count == 0)
        {
            return found.Result(over: false, tags.Count);
        }

        var (commits, over) = await ScanMessagesAndNewFilesAsync(mirrorPath, tips, environment, found, cancellationToken);
        found.Commits = commits.Count;
        found.Order = commits.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        found.AttributeNewBlobs(commits, (commit, path, text, matches) => Collect(commit, path, text, matches, found));
        if (!over && commits.Any(c => c.Files.Any(f => f.Status == 'M')))
        {
            over = await ScanModificationsAsync(mirrorPath, tips, environment, found, cancellationToken);
        }

        return found.Result(over, tags.Count);
    }

    /// <summary>
    /// Lists the new commits (oldest first, with the files each changes) with <c>git log --raw</c> and, as they
    /// come, streams each commit's message and each blob the new commits add whole through one
    /// <c>git cat-file --batch</c>, scanning as they arrive: listing, reading and scanning overlap. Returns the
    /// commits, and true when the push is over the size cap (then the listing may be incomplete).
    /// </summary>
    private async Task<(List<RawCommit> Commits, bool Over)> ScanMessagesAndNewFilesAsync(
        string mirrorPath,
        IReadOnlyList<string> tips,
        List<KeyValuePair<string, string>> environment,
        Collected found,
        CancellationToken cancellationToken)
    {
        string[] arguments = ["log", "-z", "--raw", "--no-abbrev", "--reverse", "--format=%H", .. LogOptions, .. tips, "--not", "--all", "--"];
        using var log = git.Start(git.CreateStartInfo(mirrorPath, arguments, environment));
        log.StandardInput.Close();
        var logErrors = log.StandardError.ReadToEndAsync(cancellationToken);
        using var objects = git.Start(git.CreateStartInfo(mirrorPath, ["cat-file", "--batch", "--buffer"], environment));
        var objectErrors = objects.StandardError.ReadToEndAsync(cancellationToken);
        var requests = Channel.CreateUnbounded<ObjectRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var commits = new List<RawCommit>();
        var listingOver = false;
        var lister = Task.Run(
            async () =>
            {
                Exception? failure = null;
                try
                {
                    listingOver = await ListAsync(log, objects.StandardInput.BaseStream, requests.Writer, commits, logErrors, cancellationToken);
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }
                finally
                {
                    objects.StandardInput.Close();
                    requests.Writer.TryComplete(failure);
                }
            },
            CancellationToken.None);

        var over = false;
        Exception? readFailure = null;
        try
        {
            over = await ScanStreamAsync(ReadObjectsAsync(new BatchOutputReader(objects.StandardOutput.BaseStream), requests.Reader, found, cancellationToken), () => listingOver || found.Characters > options.MaxDiffBytes, found);
        }
        catch (Exception ex)
        {
            readFailure = ex; // cancellation too: both gits must still be stopped below
        }

        if (over || readFailure is not null)
        {
            GitRunner.Kill(log); // over the cap or failed: stop git rather than read the rest
            GitRunner.Kill(objects);
        }

        try
        {
            await lister; // a failure of git log (or of its output) is the first cause: it surfaces here
        }
        catch (Exception) when (over)
        {
            // Stopped above because the push is over the size cap: that is the verdict, not the stopped git's error.
        }
        catch (IOException) when (readFailure is not null)
        {
            // Writing to the cat-file stopped above; the read failure is reported below.
        }

        if (readFailure is not null)
        {
            if (readFailure is IOException or EndOfStreamException or ChannelClosedException)
            {
                throw new GitCommandException($"reading the pushed commits failed: {readFailure.Message} {(await objectErrors).Trim()}", readFailure);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readFailure);
        }

        await GitRunner.WaitForExitAsync(objects, cancellationToken);
        var error = await objectErrors;
        return over || objects.ExitCode == 0
            ? (commits, over)
            : throw new GitCommandException($"reading the pushed commits failed (git cat-file exit {objects.ExitCode}): {error.Trim()}");
    }

    /// <summary>
    /// Reads <paramref name="log"/>'s listing; for each commit, asks <c>cat-file</c> (<paramref name="objectInput"/>) for
    /// it and for the blobs it adds that no earlier commit added, and queues the same requests for the reader.
    /// True when the listing alone passed the size cap.
    /// </summary>
    private async Task<bool> ListAsync(
        System.Diagnostics.Process log,
        Stream objectInput,
        ChannelWriter<ObjectRequest> requests,
        List<RawCommit> commits,
        Task<string> logErrors,
        CancellationToken cancellationToken)
    {
        var parser = new RawLogParser();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chunk = new byte[64 * 1024];
        var ids = new StringBuilder();
        var completed = new List<RawCommit>();
        long listed = 0;
        int read;
        while ((read = await log.StandardOutput.BaseStream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            listed += read;
            if (listed > options.MaxDiffBytes)
            {
                return true;
            }

            parser.Feed(chunk.AsSpan(0, read), completed);
            await RequestAsync();
        }

        parser.Finish(completed);
        await RequestAsync();
        await GitRunner.WaitForExitAsync(log, cancellationToken);
        return log.ExitCode == 0
            ? false
            : throw new GitCommandException($"listing the pushed commits failed (git log exit {log.ExitCode}): {(await logErrors).Trim()}");

        async Task RequestAsync()
        {
            foreach (var commit in completed)
            {
                commits.Add(commit);
                Request(new ObjectRequest(commit.Id, commit.Id, false));
                foreach (var file in commit.Files.Where(f => f.IsWholeNewBlob && seen.Add(f.NewId)))
                {
                    Request(new ObjectRequest(file.NewId, commit.Id, true));
                }
            }

            completed.Clear();
            if (ids.Length > 0)
            {
                await objectInput.WriteAsync(Encoding.ASCII.GetBytes(ids.ToString()), cancellationToken);
                await objectInput.FlushAsync(cancellationToken);
                ids.Clear();
            }
        }

        void Request(ObjectRequest request)
        {
            ids.Append(request.Id).Append('\n');
            requests.TryWrite(request); // unbounded: always accepted
        }
    }

    /// <summary>Yields each requested object as an item to scan; stops early (without reading it) at one that would pass the size cap.</summary>
    private async IAsyncEnumerable<DiffItem> ReadObjectsAsync(
        BatchOutputReader reader,
        ChannelReader<ObjectRequest> requests,
        Collected found,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var request in requests.ReadAllAsync(cancellationToken))
        {
            var header = await reader.ReadLineAsync(cancellationToken);
            var parts = header.Split(' ');
            if (parts.Length != 3 || parts[0] != request.Id || parts[1] != (request.IsBlob ? "blob" : "commit")
                || !long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new IOException($"git cat-file: unexpected answer '{header}' for {(request.IsBlob ? "blob" : "commit")} {request.Id}");
            }

            found.Characters += size;
            if (found.Characters > options.MaxDiffBytes)
            {
                yield break; // over the cap: not read, and the caller sees the cap passed
            }

            var bytes = new byte[size];
            await reader.ReadExactlyAsync(bytes, cancellationToken);
            await reader.ExpectAsync((byte)'\n', cancellationToken);
            yield return request.IsBlob ? Blob(request.Commit, request.Id, bytes) : new CommitMessageItem(request.Commit, Message(bytes));
        }
    }

    /// <summary>A commit object's message: everything after the header's first empty line, as <c>%B</c> gives it.</summary>
    private static string Message(byte[] commit)
    {
        var body = commit.AsSpan().IndexOf("\n\n"u8);
        return body < 0 ? string.Empty : Encoding.UTF8.GetString(commit.AsSpan(body + 2)).TrimEnd('\n');
    }

    /// <summary>A new file's blob as added text: every line, numbered from 1; null text when git would call it binary.</summary>
    private static NewBlobItem Blob(string commit, string id, byte[] bytes)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).Contains((byte)0))
        {
            return new NewBlobItem(commit, id, null);
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text += "\n"; // as git's "\ No newline at end of file": the last line still counts
        }

        var starts = new List<int>();
        for (var at = 0; at < text.Length; at = text.IndexOf('\n', at) + 1)
        {
            starts.Add(at);
        }

        return new NewBlobItem(commit, id, new AddedText(text, [.. starts], [.. Enumerable.Range(1, starts.Count)]));
    }

    /// <summary>The added lines of modified files (<c>git log -p --diff-filter=M</c>); true when over the size cap.</summary>
    private async Task<bool> ScanModificationsAsync(
        string mirrorPath,
        IReadOnlyList<string> tips,
        List<KeyValuePair<string, string>> environment,
        Collected found,
        CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-c", "core.quotePath=false", "-c", $"attr.tree={EmptyTree}", "-c", "diff.noprefix=false",
            "log", "-p", "--reverse", "--diff-filter=M", .. LogOptions, "--src-prefix=a/", "--dst-prefix=b/",
            "--format=%x00%H%x00%x00", .. tips, "--not", "--all", "--",
        ];
        using var process = git.Start(git.CreateStartInfo(mirrorPath, arguments, environment));
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        // A 64 KiB decode buffer rather than the default 4 KiB: ten times fewer reads for a large push.
        using var output = new StreamReader(process.StandardOutput.BaseStream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        var before = found.Characters;
        var parser = new DiffStreamParser(output, options.MaxDiffBytes - before);
        var over = false;
        var completed = false;
        try
        {
            try
            {
                over = await ScanStreamAsync(parser.ReadAsync(cancellationToken), () => before + parser.CharactersRead > options.MaxDiffBytes, found);
            }
            catch (FormatException) when (parser.LineTooLong)
            {
                // The parse stopped at a line longer than the cap, mid-hunk: that is the size cap, not bad output.
            }

            over |= parser.LineTooLong;
            completed = !over;
        }
        finally
        {
            found.Characters = before + parser.CharactersRead;
            if (!completed)
            {
                GitRunner.Kill(process); // over the cap or failed: stop git rather than read the rest
            }
        }

        await GitRunner.WaitForExitAsync(process, cancellationToken);
        var error = await stderr;
        if (!over && process.ExitCode != 0)
        {
            throw new GitCommandException($"diffing the pushed commits failed (git log exit {process.ExitCode}): {error.Trim()}");
        }

        return over;
    }

    /// <summary>
    /// Feeds the items to the scanner; true when the text went over the size cap (<paramref name="overCap"/>).
    /// Reading (this task) and the DLP engine (a second task) run side by side through a bounded channel, so with
    /// git producing the text that is three stages on the machine's cores; the bound makes a slow scan hold back
    /// git rather than buffer the whole push. Items are scanned in order by the one consumer.
    /// </summary>
    private async Task<bool> ScanStreamAsync(IAsyncEnumerable<DiffItem> items, Func<bool> overCap, Collected found)
    {
        var channel = Channel.CreateBounded<DiffItem>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
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
                    await stop.CancelAsync(); // unblock the reader waiting on a full channel
                    throw;
                }
            },
            CancellationToken.None);

        var over = false;
        Exception? failure = null;
        try
        {
            await foreach (var item in items.WithCancellation(stop.Token))
            {
                if (overCap())
                {
                    over = true;
                    break;
                }

                await channel.Writer.WriteAsync(item, stop.Token);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
            await stop.CancelAsync();
        }

        channel.Writer.TryComplete();
        try
        {
            await consumer; // a scanner failure surfaces here, ahead of the cancellation it caused in the reader
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // The consumer stopped because the reader failed; that failure is the one to report.
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return over || overCap();
    }

    private void Scan(DiffItem item, Collected found)
    {
        switch (item)
        {
            case CommitMessageItem message when message.Message.Length > 0:
                var text = AddedText.Numbered(message.Message.Split('\n'));
                Collect(message.Commit, PushFinding.CommitMessagePath, text, scanner.Scan(text.Text), found);
                break;
            case NewBlobItem blob:
                // Scanned once; reported for every new commit that adds it once the listing is complete (AttributeNewBlobs).
                var matches = blob.Text is null ? [] : scanner.Scan(blob.Text.Text);
                if (blob.Text is null || matches.Count > 0)
                {
                    found.NewBlobResults[blob.BlobId] = (blob.Text, matches);
                }

                break;
            case AddedLinesItem file:
                Collect(file.Commit, file.Path, file.Added, scanner.Scan(file.Added.Text), found);
                break;
            case BinaryFileItem binary:
                found.Binaries.Add($"{binary.Commit[..12]}:{binary.Path}");
                break;
        }
    }

    private void Collect(string commit, string path, AddedText added, IReadOnlyList<SecretMatch> matches, Collected found)
    {
        foreach (var match in matches)
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

        /// <summary>New files' blobs that are binary (null text) or hold matches; clean ones are not kept.</summary>
        public Dictionary<string, (AddedText? Text, IReadOnlyList<SecretMatch> Matches)> NewBlobResults { get; } = new(StringComparer.Ordinal);

        /// <summary>Each new commit's position, oldest first: findings are reported in that order.</summary>
        public Dictionary<string, int> Order { get; set; } = new(StringComparer.Ordinal);

        public int Commits { get; set; }

        /// <summary>Size of the text read so far (commit objects, new blobs, diffs of modifications), against the cap.</summary>
        public long Characters { get; set; }

        /// <summary>Reports each binary or matching new blob for every commit that adds it (each must be rewritten), in commit order.</summary>
        public void AttributeNewBlobs(IEnumerable<RawCommit> commits, Action<string, string, AddedText, IReadOnlyList<SecretMatch>> collect)
        {
            foreach (var commit in commits)
            {
                foreach (var file in commit.Files.Where(f => f.IsWholeNewBlob))
                {
                    if (!NewBlobResults.TryGetValue(file.NewId, out var result))
                    {
                        continue;
                    }

                    if (result.Text is null)
                    {
                        Binaries.Add($"{commit.Id[..12]}:{file.Path}");
                    }
                    else
                    {
                        collect(commit.Id, file.Path, result.Text, result.Matches);
                    }
                }
            }
        }

        public PushScanResult Result(bool over, int tags) =>
            new(Commits, Sorted(Findings), Sorted(Allowlisted), Binaries, Characters, over, tags);

        /// <summary>Commit order (tags first), then message before files, then path and line: stable, whichever pass found what.</summary>
        private List<PushFinding> Sorted(List<PushFinding> findings) =>
            [.. findings
                .OrderBy(f => Order.TryGetValue(f.Commit, out var i) ? i : -1)
                .ThenBy(f => f.Path == PushFinding.CommitMessagePath ? 0 : 1)
                .ThenBy(f => f.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Line)];
    }
}

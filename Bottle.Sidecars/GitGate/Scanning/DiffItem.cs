namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>One piece of a parsed <c>git log -p</c> stream: a commit message, a file's added lines, or a skipped binary file.</summary>
internal abstract record DiffItem(string Commit);

/// <summary>A commit's full message.</summary>
internal sealed record CommitMessageItem(string Commit, string Message) : DiffItem(Commit);

/// <summary>The lines a commit adds to one file, in order, with their line numbers in the new file.</summary>
internal sealed record AddedLinesItem(string Commit, string Path, AddedText Added) : DiffItem(Commit)
{
    /// <summary>The added lines one by one.</summary>
    public IReadOnlyList<AddedLine> Lines => Added.Lines;
}

/// <summary>A file git treats as binary in this commit: not scanned, listed in the verdict.</summary>
internal sealed record BinaryFileItem(string Commit, string Path) : DiffItem(Commit);

/// <summary>An added line and its 1-based number in the new version of the file.</summary>
internal readonly record struct AddedLine(int Number, string Text);

/// <summary>
/// A blob some new commits add whole (new files): every line is an added line, so it is scanned once as it is,
/// without a diff, however many commits add it. <see cref="Text"/> is null when the blob is binary (a NUL in its
/// first 8,000 bytes, git's own test). <see cref="DiffItem.Commit"/> is the first commit that adds it.
/// </summary>
internal sealed record NewBlobItem(string Commit, string BlobId, AddedText? Text) : DiffItem(Commit);

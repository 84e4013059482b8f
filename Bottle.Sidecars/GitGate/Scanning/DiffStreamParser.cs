using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Parses the output of <c>git log -p --format=%x00%H%x00%B%x00</c> as it streams. NUL separates commit
/// headers because neither a commit message nor a text diff can contain it. Hunk bodies are consumed by their
/// line counts, so an added line that looks like a header (<c>+++ x</c>, <c>diff --git</c>) is still content.
/// </summary>
internal sealed partial class DiffStreamParser(TextReader reader)
{
    private string? pending;

    /// <summary>Characters read so far (the size cap is checked against this).</summary>
    public long CharactersRead { get; private set; }

    /// <summary>Yields the items of the stream in order.</summary>
    public async IAsyncEnumerable<DiffItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? commit = null;
        string? line;
        while ((line = await NextLineAsync(cancellationToken)) is not null)
        {
            if (line.StartsWith('\0'))
            {
                var message = await ReadHeaderAsync(line, cancellationToken);
                commit = message.Commit;
                yield return message;
            }
            else if (commit is not null && line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                var item = await ReadFileAsync(commit, line, cancellationToken);
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }

    private async Task<CommitMessageItem> ReadHeaderAsync(string first, CancellationToken cancellationToken)
    {
        // first = "\0<sha>\0<message first line>" ; the message runs until a line holding the closing NUL.
        var second = first.IndexOf('\0', 1);
        if (second < 0)
        {
            throw new FormatException("git log output: commit header without its separator");
        }

        var commit = first[1..second];
        var text = new StringBuilder();
        var rest = first[(second + 1)..];
        while (true)
        {
            var end = rest.IndexOf('\0', StringComparison.Ordinal);
            if (end >= 0)
            {
                text.Append(rest, 0, end);
                break;
            }

            text.Append(rest).Append('\n');
            rest = await NextLineAsync(cancellationToken)
                ?? throw new FormatException($"git log output ended inside the message of commit {commit}");
        }

        return new CommitMessageItem(commit, text.ToString().TrimEnd('\n'));
    }

    private async Task<DiffItem?> ReadFileAsync(string commit, string diffLine, CancellationToken cancellationToken)
    {
        string? path = null;
        string? line;
        while ((line = await NextLineAsync(cancellationToken)) is not null)
        {
            if (line.StartsWith("Binary files ", StringComparison.Ordinal))
            {
                return new BinaryFileItem(commit, PathFromDiffLine(diffLine));
            }

            if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                // git ends the name with a TAB when it contains a space (GNU diff's convention).
                var target = line[4..].TrimEnd('\t');
                path = target == "/dev/null" ? null : StripPrefix(Unquote(target));
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Push(line);
                return await ReadHunksAsync(commit, path, cancellationToken);
            }
            else if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith('\0'))
            {
                Push(line);
                return null; // mode-only change, empty file, or deletion of an empty file: nothing added
            }
        }

        return null;
    }

    private async Task<AddedLinesItem?> ReadHunksAsync(string commit, string? path, CancellationToken cancellationToken)
    {
        var added = new List<AddedLine>();
        string? line;
        while ((line = await NextLineAsync(cancellationToken)) is not null)
        {
            if (!line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Push(line);
                break;
            }

            var header = HunkHeader().Match(line);
            if (!header.Success)
            {
                throw new FormatException($"git log output: unreadable hunk header '{line}' in commit {commit}");
            }

            var oldLeft = header.Groups[2].Success ? int.Parse(header.Groups[2].ValueSpan) : 1;
            var number = int.Parse(header.Groups[3].ValueSpan);
            var newLeft = header.Groups[4].Success ? int.Parse(header.Groups[4].ValueSpan) : 1;
            while (oldLeft > 0 || newLeft > 0)
            {
                var body = await NextLineAsync(cancellationToken)
                    ?? throw new FormatException($"git log output ended inside a hunk of commit {commit}");
                switch (body.Length == 0 ? ' ' : body[0])
                {
                    case '+':
                        added.Add(new AddedLine(number++, body[1..]));
                        newLeft--;
                        break;
                    case '-':
                        oldLeft--;
                        break;
                    case '\\':
                        break; // "\ No newline at end of file"
                    default:
                        number++;
                        oldLeft--;
                        newLeft--;
                        break;
                }
            }

            // A trailing "\ No newline at end of file" belongs to the hunk just read.
            var next = await NextLineAsync(cancellationToken);
            if (next is not null && !next.StartsWith('\\'))
            {
                Push(next);
            }
        }

        // path is null only for deletions, which add nothing.
        return path is null || added.Count == 0 ? null : new AddedLinesItem(commit, path, added);
    }

    private async Task<string?> NextLineAsync(CancellationToken cancellationToken)
    {
        if (pending is not null)
        {
            var held = pending;
            pending = null;
            return held;
        }

        var line = await reader.ReadLineAsync(cancellationToken);
        if (line is not null)
        {
            CharactersRead += line.Length + 1;
        }

        return line;
    }

    private void Push(string line) => pending = line;

    /// <summary>The path of a <c>diff --git a/P b/P</c> line; without renames both halves name the same path.</summary>
    private static string PathFromDiffLine(string diffLine)
    {
        var rest = diffLine["diff --git ".Length..];
        var half = (rest.Length - 1) / 2;
        return StripPrefix(Unquote(rest[(half + 1)..]));
    }

    private static string StripPrefix(string path) =>
        path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>Undoes git's C-style quoting of unusual paths ("a\tb", octal escapes for bytes).</summary>
    internal static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var bytes = new List<byte>();
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length - 1)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            var e = text[++i];
            if (e is >= '0' and <= '7' && i + 2 < text.Length - 1)
            {
                bytes.Add(Convert.ToByte(text.Substring(i, 3), 8));
                i += 2;
                continue;
            }

            bytes.Add(e switch
            {
                'a' => 7, 'b' => 8, 't' => 9, 'n' => 10, 'v' => 11, 'f' => 12, 'r' => 13,
                _ => (byte)e,
            });
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();
}

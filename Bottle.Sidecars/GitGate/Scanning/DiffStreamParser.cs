using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Parses the output of <c>git log -p --format=%x00%H%x00%B%x00</c> as it streams. NUL separates commit
/// headers because neither a commit message nor a text diff can contain it. Hunk bodies are consumed by their
/// line counts, so an added line that looks like a header (<c>+++ x</c>, <c>diff --git</c>) is still content.
/// Lines are spans of one reused buffer; only the added text is copied (once, into the file's
/// <see cref="AddedText"/>), which keeps a 10 MB push from allocating a string per line.
/// </summary>
internal sealed class DiffStreamParser
{
    private readonly LineBuffer lines;

    /// <param name="reader">git's output.</param>
    /// <param name="maxLineCharacters">A longer single line stops the parse (see <see cref="LineTooLong"/>): the size cap, applied before buffering it.</param>
    public DiffStreamParser(TextReader reader, long maxLineCharacters = long.MaxValue)
    {
        lines = new LineBuffer(reader, maxLineCharacters);
    }

    /// <summary>Characters read so far (the size cap is checked against this).</summary>
    public long CharactersRead => lines.CharactersRead;

    /// <summary>True when reading stopped at a line longer than the limit.</summary>
    public bool LineTooLong => lines.LineTooLong;

    /// <summary>Yields the items of the stream in order.</summary>
    public async IAsyncEnumerable<DiffItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? commit = null;
        while (await lines.ReadAsync(cancellationToken))
        {
            if (lines.Line.StartsWith('\0'))
            {
                var message = await ReadHeaderAsync(cancellationToken);
                commit = message.Commit;
                yield return message;
            }
            else if (commit is not null && lines.Line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                var item = await ReadFileAsync(commit, cancellationToken);
                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }

    private async Task<CommitMessageItem> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        // The line is "\0<sha>\0<message first line>"; the message runs until a line holding the closing NUL.
        var second = lines.Line[1..].IndexOf('\0') + 1;
        if (second <= 0)
        {
            throw new FormatException("git log output: commit header without its separator");
        }

        var commit = lines.Line[1..second].ToString();
        var text = new StringBuilder();
        var offset = second + 1;
        while (!AppendMessageLine(text, lines.Line[offset..]))
        {
            if (!await lines.ReadAsync(cancellationToken))
            {
                throw new FormatException($"git log output ended inside the message of commit {commit}");
            }

            offset = 0;
        }

        return new CommitMessageItem(commit, text.ToString().TrimEnd('\n'));
    }

    /// <summary>Appends a message line; true when it held the closing NUL (the message is complete).</summary>
    private static bool AppendMessageLine(StringBuilder text, ReadOnlySpan<char> line)
    {
        var end = line.IndexOf('\0');
        text.Append(end >= 0 ? line[..end] : line);
        if (end < 0)
        {
            text.Append('\n');
        }

        return end >= 0;
    }

    private async Task<DiffItem?> ReadFileAsync(string commit, CancellationToken cancellationToken)
    {
        var diffLine = lines.Line.ToString();
        string? path = null;
        while (await lines.ReadAsync(cancellationToken))
        {
            var line = lines.Line;
            if (line.StartsWith("Binary files ", StringComparison.Ordinal))
            {
                return new BinaryFileItem(commit, PathFromDiffLine(diffLine));
            }

            if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                // git ends the name with a TAB when it contains a space (GNU diff's convention).
                var target = line[4..].TrimEnd('\t').ToString();
                path = target == "/dev/null" ? null : StripPrefix(Unquote(target));
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                lines.Hold();
                return await ReadHunksAsync(commit, path, cancellationToken);
            }
            else if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith('\0'))
            {
                lines.Hold();
                return null; // mode-only change, empty file, or deletion of an empty file: nothing added
            }
        }

        return null;
    }

    private async Task<AddedLinesItem?> ReadHunksAsync(string commit, string? path, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        var numbers = new List<int>();
        while (await lines.ReadAsync(cancellationToken))
        {
            if (!lines.Line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                lines.Hold();
                break;
            }

            if (!TryParseHunkHeader(lines.Line, out var oldLeft, out var number, out var newLeft))
            {
                throw new FormatException($"git log output: unreadable hunk header '{lines.Line}' in commit {commit}");
            }

            while (oldLeft > 0 || newLeft > 0)
            {
                if (!await lines.ReadAsync(cancellationToken))
                {
                    throw new FormatException($"git log output ended inside a hunk of commit {commit}");
                }

                var body = lines.Line;
                switch (body.Length == 0 ? ' ' : body[0])
                {
                    case '+':
                        starts.Add(text.Length);
                        numbers.Add(number++);
                        text.Append(body[1..]).Append('\n');
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
            if (await lines.ReadAsync(cancellationToken) && !lines.Line.StartsWith('\\'))
            {
                lines.Hold();
            }
        }

        // path is null only for deletions, which add nothing.
        return path is null || starts.Count == 0
            ? null
            : new AddedLinesItem(commit, path, new AddedText(text.ToString(), [.. starts], [.. numbers]));
    }

    /// <summary>Reads <c>@@ -a[,b] +c[,d] @@</c>: the old and new line counts (1 when omitted) and the new start line.</summary>
    internal static bool TryParseHunkHeader(ReadOnlySpan<char> line, out int oldCount, out int newStart, out int newCount)
    {
        oldCount = newStart = newCount = 0;
        if (!line.StartsWith("@@ -", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[4..];
        var space = rest.IndexOf(' ');
        if (space < 0 || !TryParseRange(rest[..space], out _, out oldCount) || !rest[(space + 1)..].StartsWith('+'))
        {
            return false;
        }

        rest = rest[(space + 2)..];
        space = rest.IndexOf(' ');
        return space >= 0 && rest[space..].StartsWith(" @@", StringComparison.Ordinal) && TryParseRange(rest[..space], out newStart, out newCount);
    }

    private static bool TryParseRange(ReadOnlySpan<char> range, out int start, out int count)
    {
        count = 1;
        var comma = range.IndexOf(',');
        var startText = comma < 0 ? range : range[..comma];
        return int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && (comma < 0 || int.TryParse(range[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count));
    }

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
}

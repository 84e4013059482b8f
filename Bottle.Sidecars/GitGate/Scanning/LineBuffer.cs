namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Reads '\n'-terminated lines from a <see cref="TextReader"/> into one reusable buffer: a line is a span of the
/// buffer, valid until the next read, so the megabytes of a large push are not turned into a string per line.
/// Only '\n' ends a line (a CR inside an added line is content, as it is to git).
/// </summary>
internal sealed class LineBuffer(TextReader reader, long maxLineCharacters)
{
    private char[] buffer = new char[64 * 1024];
    private int start;
    private int end;
    private int lineStart;
    private int lineLength;
    private bool endOfInput;
    private bool held;

    /// <summary>Characters consumed so far, newlines included.</summary>
    public long CharactersRead { get; private set; }

    /// <summary>True when a single line was longer than the limit: reading stopped there.</summary>
    public bool LineTooLong { get; private set; }

    /// <summary>The current line, without its '\n'.</summary>
    public ReadOnlySpan<char> Line => buffer.AsSpan(lineStart, lineLength);

    /// <summary>Makes the next <see cref="ReadAsync"/> return the current line again (one line of look-ahead).</summary>
    public void Hold() => held = true;

    /// <summary>Moves to the next line; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (held)
        {
            held = false;
            return true;
        }

        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf('\n');
            if (newline >= 0)
            {
                Take(newline, newline + 1);
                return true;
            }

            if (endOfInput)
            {
                if (start == end)
                {
                    return false;
                }

                Take(end - start, end - start);
                return true;
            }

            if (start > 0)
            {
                // Keep only the unread part; the current line is consumed by now (Hold is answered above).
                Array.Copy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length >= maxLineCharacters)
                {
                    LineTooLong = true;
                    CharactersRead += end;
                    return false;
                }

                Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, buffer.Length * 2L));
            }

            var read = await reader.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                endOfInput = true;
            }
            else
            {
                end += read;
            }
        }
    }

    private void Take(int length, int consumed)
    {
        lineStart = start;
        lineLength = length;
        start += consumed;
        CharactersRead += consumed;
    }
}

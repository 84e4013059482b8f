using System.Text;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Reads <c>git cat-file --batch</c> output: header lines (<c>&lt;id&gt; &lt;type&gt; &lt;size&gt;</c>) and object contents of
/// known size, through one 64 KiB buffer (a read per chunk, not per byte).
/// </summary>
internal sealed class BatchOutputReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>Reads a line (without its '\n'); a line longer than the buffer or the end of output is an error.</summary>
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(buffer, start, newline - start);
                start = newline + 1;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("git cat-file ended early");
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> from the output.</summary>
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (!destination.IsEmpty)
        {
            if (start == end && !await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("git cat-file ended inside an object");
            }

            var count = Math.Min(destination.Length, end - start);
            buffer.AsMemory(start, count).CopyTo(destination);
            start += count;
            destination = destination[count..];
        }
    }

    /// <summary>Reads one byte, which must be <paramref name="expected"/> (the '\n' after each object).</summary>
    public async ValueTask ExpectAsync(byte expected, CancellationToken cancellationToken)
    {
        if (start == end && !await FillAsync(cancellationToken))
        {
            throw new EndOfStreamException("git cat-file ended early");
        }

        if (buffer[start++] != expected)
        {
            throw new IOException("git cat-file: object contents not followed by a newline");
        }
    }

    /// <summary>Moves unread bytes to the front and reads more; false at the end of output.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new IOException("git cat-file: header line longer than the read buffer");
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        end += read;
        return read > 0;
    }
}

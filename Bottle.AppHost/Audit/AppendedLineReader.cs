using System.Buffers;
using System.Text;

namespace Bottle.AppHost.Audit;

/// <summary>
/// Reads the complete lines appended to a file that others keep writing (the sidecars' <c>audit.jsonl</c>): each
/// call returns the lines finished since the last one. A last line without its newline is held until the rest of it
/// arrives; a file that does not exist yet reads as empty; a file that shrank (truncated or replaced) is read again
/// from its start.
/// </summary>
internal sealed class AppendedLineReader(string path)
{
    private readonly ArrayBufferWriter<byte> _pending = new();
    private long _position;
    private long _lineNumber;

    /// <summary>The file read.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// The non-empty lines finished since the last call, each with its 1-based line number.
    /// <paramref name="restarted"/> is told (old and new length) when the file shrank and is read from its start again.
    /// </summary>
    public async Task<IReadOnlyList<(long Number, string Text)>> ReadNewAsync(CancellationToken cancellationToken, Action<long, long>? restarted = null)
    {
        var lines = new List<(long, string)>();
        FileStream stream;
        try
        {
            // ReadWrite|Delete sharing: the sidecars keep appending, and 'down' may remove the state dir meanwhile.
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return lines;
        }

        await using (stream)
        {
            if (stream.Length < _position)
            {
                restarted?.Invoke(_position, stream.Length);
                _position = 0;
                _lineNumber = 0;
                _pending.ResetWrittenCount();
            }

            stream.Position = _position;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _position += read;
                var chunk = buffer.AsSpan(0, read);
                int newline;
                while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
                {
                    _pending.Write(chunk[..newline]);
                    chunk = chunk[(newline + 1)..];
                    _lineNumber++;
                    var line = Encoding.UTF8.GetString(_pending.WrittenSpan).TrimEnd('\r');
                    _pending.ResetWrittenCount();
                    if (line.Trim().Length > 0)
                    {
                        lines.Add((_lineNumber, line));
                    }
                }

                _pending.Write(chunk);
            }
        }

        return lines;
    }
}

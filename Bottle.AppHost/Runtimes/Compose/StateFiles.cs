using System.Text;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Writes state files the safe way: to a temp file in the same folder, created with its final mode (so a
/// secret is never readable by others, not even for a moment), flushed, then renamed over the target, so
/// a reader sees the old file or the new one, never half of one.
/// </summary>
public static class StateFiles
{
    /// <summary>0700: state directories.</summary>
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>0600: keys and credentials.</summary>
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0644: configs and logs.</summary>
    public const UnixFileMode Public = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates <paramref name="path"/> (and parents) with mode 0700, or tightens an existing one to 0700.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateDirectory);
        File.SetUnixFileMode(path, PrivateDirectory);
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically with <paramref name="mode"/>.</summary>
    public static void WriteText(string path, string text, UnixFileMode mode) =>
        WriteBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), mode);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically with <paramref name="mode"/>.</summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask may have narrowed the create mode; the file gets exactly the mode asked for.
                File.SetUnixFileMode(temp, mode);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Creates an empty file for a writable bind mount unless it exists (Docker would make a directory in its place).</summary>
    public static void EnsureFile(string path, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            WriteBytes(path, [], mode);
        }
    }
}

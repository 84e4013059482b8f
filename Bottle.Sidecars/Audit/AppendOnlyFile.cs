using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Bottle.Sidecars.Audit;

/// <summary>
/// Opens a file for appending with <c>O_APPEND</c>. The three sidecars append to one bind-mounted
/// <c>audit.jsonl</c>; .NET's <see cref="FileMode.Append"/> only seeks to the end once and then writes at its own
/// remembered offsets (pwrite), so concurrent writers overwrite each other's lines. With <c>O_APPEND</c> the kernel
/// puts every write at the current end of the file, so whole-line writes from several processes never interleave.
/// </summary>
internal static partial class AppendOnlyFile
{
    private const int LinuxWriteOnly = 0x1;
    private const int LinuxCreate = 0x40;
    private const int LinuxAppend = 0x400;
    private const int LinuxCloseOnExec = 0x80000;
    private const int OwnerReadWrite = 0x180; // 0600: audit lines name hosts and paths the agent used.

    /// <summary>Opens (creating with mode 0600) <paramref name="path"/> so that every write appends atomically.</summary>
    public static FileStream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            // macOS and Windows run the app host only; the sidecars that share the file run on Linux.
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
        }

        var fd = open(path, LinuxWriteOnly | LinuxCreate | LinuxAppend | LinuxCloseOnExec, OwnerReadWrite);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open audit file '{path}' for appending: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        // No FileStream buffer: each WriteAsync is one write(2) of whole lines.
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);
}

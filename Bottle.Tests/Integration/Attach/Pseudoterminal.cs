using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Bottle.Tests.Integration.Attach;

/// <summary>
/// A pseudo-terminal pair from libc (<c>posix_openpt</c>, <c>grantpt</c>, <c>unlockpt</c>, <c>ptsname_r</c>): the test
/// holds the master side, as a terminal emulator does, and the process under test opens the slave by its path. All
/// the native interop of the attach tests is here. Linux only: the ioctl numbers and the termios layout are Linux's.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class Pseudoterminal : IDisposable
{
    private const int OpenReadWrite = 2;              // O_RDWR
    private const int OpenNoControllingTty = 0x100;   // O_NOCTTY: opening must not make it the test host's terminal
    private const nuint SetWindowSizeRequest = 0x5414; // TIOCSWINSZ
    private const nuint GetWindowSizeRequest = 0x5413; // TIOCGWINSZ
    private const int TermiosSize = 60;               // sizeof(struct termios), glibc
    private const int LocalFlagsOffset = 12;          // c_lflag after c_iflag, c_oflag, c_cflag
    private const uint EchoFlag = 0x8;                // ECHO
    private const uint CanonicalFlag = 0x2;           // ICANON

    private readonly SafeFileHandle _master;

    // The test's own slave descriptor: tcgetattr reads the slave's modes through it, and while it is open a read
    // on the master waits for data instead of failing before the child has opened the slave (or after it closed it).
    private readonly SafeFileHandle _slave;

    private Pseudoterminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
        Output = new FileStream(master, FileAccess.Read, bufferSize: 0);
        Input = new FileStream(new SafeFileHandle(Check(Dup(master.DangerousGetHandle().ToInt32()), "dup"), ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    /// <summary>The slave's path (<c>/dev/pts/N</c>), to open as the terminal of the process under test.</summary>
    public string SlavePath { get; }

    /// <summary>What the process under test writes to its terminal.</summary>
    public Stream Output { get; }

    /// <summary>The keyboard: what is written here is what the process under test reads from its terminal.</summary>
    public Stream Input { get; }

    /// <summary>Opens a pair whose window is <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    public static Pseudoterminal Open(ushort rows, ushort columns)
    {
        var master = new SafeFileHandle(Check(OpenMaster(OpenReadWrite | OpenNoControllingTty), "posix_openpt"), ownsHandle: true);
        try
        {
            var fd = master.DangerousGetHandle().ToInt32();
            Check(GrantPt(fd), "grantpt");
            Check(UnlockPt(fd), "unlockpt");
            var name = new byte[256];
            var error = PtsName(fd, name, (nuint)name.Length);
            if (error != 0)
            {
                throw new InvalidOperationException($"ptsname_r failed: errno {error}");
            }

            var path = System.Text.Encoding.UTF8.GetString(name, 0, Array.IndexOf(name, (byte)0));
            var slave = new SafeFileHandle(Check(OpenPath(path, OpenReadWrite | OpenNoControllingTty), $"open {path}"), ownsHandle: true);
            var terminal = new Pseudoterminal(master, slave, path);
            terminal.Resize(rows, columns);
            return terminal;
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sets the window size on the master (TIOCSWINSZ), as a terminal emulator does when its window is resized; the
    /// kernel then sends SIGWINCH to the terminal's foreground process group.
    /// </summary>
    public void Resize(ushort rows, ushort columns)
    {
        var size = new WindowSize { Rows = rows, Columns = columns };
        Check(SetWindowSize(_master.DangerousGetHandle().ToInt32(), SetWindowSizeRequest, ref size), "ioctl TIOCSWINSZ");
    }

    /// <summary>The window size the slave reports (TIOCGWINSZ), as <c>stty size</c> prints it.</summary>
    public string Size()
    {
        var size = default(WindowSize);
        Check(GetWindowSize(_slave.DangerousGetHandle().ToInt32(), GetWindowSizeRequest, ref size), "ioctl TIOCGWINSZ");
        return $"{size.Rows} {size.Columns}";
    }

    /// <summary>The slave's current modes (tcgetattr).</summary>
    public TerminalModes Modes()
    {
        var termios = new byte[TermiosSize];
        Check(GetAttributes(_slave.DangerousGetHandle().ToInt32(), termios), "tcgetattr");
        var local = BitConverter.ToUInt32(termios, LocalFlagsOffset);
        return new TerminalModes((local & EchoFlag) != 0, (local & CanonicalFlag) != 0, Convert.ToHexString(termios));
    }

    public void Dispose()
    {
        Input.Dispose();
        _slave.Dispose();
        Output.Dispose();
        _master.Dispose();
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int OpenMaster(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r")]
    private static partial int PtsName(int fd, [Out] byte[] buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenPath(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int SetWindowSize(int fd, nuint request, ref WindowSize size);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int GetWindowSize(int fd, nuint request, ref WindowSize size);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, [Out] byte[] termios);
}

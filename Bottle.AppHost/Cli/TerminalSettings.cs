using System.Runtime.InteropServices;

namespace Bottle.AppHost.Cli;

/// <summary>
/// The settings (termios) of the terminal on standard input, captured before an interactive <c>docker exec</c> and
/// put back after it. The docker client restores the terminal itself when it ends normally or on SIGTERM; this is
/// for when it cannot (killed with SIGKILL, crashed), which would leave the user's shell in raw mode (no echo, no
/// line editing). The settings are kept as opaque bytes, so no platform's struct layout is assumed.
/// </summary>
internal sealed class TerminalSettings
{
    private const int StandardInput = 0;
    private const int SetNow = 0; // TCSANOW on Linux and macOS

    // Larger than struct termios on every supported platform (glibc: 60 bytes, macOS: 72).
    private const int Size = 256;

    private readonly byte[] _settings;

    private TerminalSettings(byte[] settings) => _settings = settings;

    /// <summary>The current settings of standard input; null when it is not a terminal.</summary>
    public static TerminalSettings? Capture()
    {
        var settings = new byte[Size];
        return GetAttributes(StandardInput, settings) == 0 ? new TerminalSettings(settings) : null;
    }

    /// <summary>Puts the captured settings back; false when the terminal is gone (hung up) and there is nothing to restore.</summary>
    public bool Restore() => SetAttributes(StandardInput, SetNow, _settings) == 0;

    // DllImport rather than LibraryImport, as in ProcessSignals: the generated stub needs AllowUnsafeBlocks, and a
    // blittable byte[] is pinned and passed as is.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static extern int GetAttributes(int fd, [Out] byte[] termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static extern int SetAttributes(int fd, int optionalActions, byte[] termios);
#pragma warning restore SYSLIB1054
}

using System.Runtime.Versioning;
using System.Runtime.InteropServices;

namespace Bottle.Agent.Processes;

/// <summary>libc's <c>kill(2)</c> and <c>isatty(3)</c>: .NET can only SIGKILL a child, and the shim must pass SIGTERM and friends on.</summary>
[UnsupportedOSPlatform("windows")]
internal static partial class NativeSignals
{
    /// <summary>Linux signal numbers of the signals the shim passes on (x86-64 and arm64 agree on these).</summary>
    public static int ToLinuxNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGWINCH => 28,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal the shim passes on"),
    };

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, PosixSignal signal) => Kill(pid, ToLinuxNumber(signal)) == 0;

    /// <summary>True when the shim's standard input is a terminal.</summary>
    public static bool StdinIsTerminal() => IsATty(0) == 1;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);
}

using System.Runtime.InteropServices;

namespace Bottle.AppHost.Hosting.Executables;

/// <summary>POSIX signals for a process group (.NET can kill but not send SIGTERM).</summary>
internal static class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process of the group led by <paramref name="processGroupId"/>.</summary>
    /// <returns>False when the group no longer exists.</returns>
    public static bool SignalGroup(int processGroupId, int signal) => Kill(-processGroupId, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process.</summary>
    /// <returns>False when the process no longer exists.</returns>
    public static bool SignalProcess(int processId, int signal) => Kill(processId, signal) == 0;

    // DllImport rather than LibraryImport: the generated LibraryImport stub needs AllowUnsafeBlocks, and an
    // (int, int) -> int call needs no marshalling that the generator would improve.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}

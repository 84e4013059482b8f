using System.Runtime.InteropServices;

namespace Bottle.Benchmarks.Dlp;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond resolution).
/// On a machine shared with other builds, wall time includes time the thread waited for a core; this does not.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static double NowMilliseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed (Linux only)");
        }

        return (now.Seconds * 1000.0) + (now.Nanoseconds / 1e6);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
#pragma warning disable CA5392 // libc is resolved by the loader's default search; there is no other copy to prefer.
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore CA5392

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

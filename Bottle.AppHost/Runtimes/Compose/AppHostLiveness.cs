using System.Diagnostics;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>Whether the app host recorded in <c>metadata.json</c> still runs: same pid and same start time (pids are reused).</summary>
public static class AppHostLiveness
{
    /// <summary>True when process <see cref="BottleMetadata.AppHostPid"/> exists and started when the metadata says.</summary>
    public static bool IsAlive(BottleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        try
        {
            using var process = Process.GetProcessById(metadata.AppHostPid);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return !process.HasExited && (started - metadata.AppHostStartedAt).Duration() < TimeSpan.FromSeconds(1);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bottle.ProxyBench;

/// <summary>Drives curl: many keep-alive GETs in one process for latency, one big download for throughput.</summary>
internal static class Curl
{
    public const int Warmup = 20;

    private static readonly string[] CommonArguments = ["-q", "-sS", "--http1.1", "--fail"];

    /// <summary>p50 and p99 of per-request time (ms) for <paramref name="count"/> sequential GETs on one connection.</summary>
    public static async Task<(double P50, double P99)> LatencyAsync(Route route, string dir, int count)
    {
        var config = Path.Combine(dir, $"{route.Name}.curlrc");
        var sb = new StringBuilder();
        for (var i = 0; i < count + Warmup; i++)
        {
            sb.Append("url = \"").Append(route.BaseUrl).Append("/small\"\noutput = \"/dev/null\"\n");
        }

        await File.WriteAllTextAsync(config, sb.ToString());
        var output = await RunAsync(route, ["-K", config, "-w", "%{time_total}\\n"]);
        var times = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(Warmup) // the first requests pay the handshake and JIT
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture) * 1000).Order().ToArray();
        if (times.Length != count)
        {
            throw new InvalidOperationException($"{route.Name}: expected {count} timings, got {times.Length}");
        }

        return (times[count / 2], times[(int)(count * 0.99)]);
    }

    /// <summary>Download speed in bytes/s of one GET of <paramref name="path"/>; checks the size.</summary>
    public static async Task<double> BulkAsync(Route route, string path, long expectedBytes)
    {
        var output = await RunAsync(route, ["-o", "/dev/null", "-w", "%{size_download} %{speed_download}", route.BaseUrl + path]);
        var parts = output.Trim().Split(' ');
        if (long.Parse(parts[0], CultureInfo.InvariantCulture) != expectedBytes)
        {
            throw new InvalidOperationException($"{route.Name}: downloaded {parts[0]} bytes, expected {expectedBytes}");
        }

        return double.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    public static string Version()
    {
        using var p = Process.Start(new ProcessStartInfo("curl", "--version") { RedirectStandardOutput = true })!;
        var first = p.StandardOutput.ReadLine() ?? "";
        p.WaitForExit();
        return first.Split(' ').ElementAtOrDefault(1) ?? "?";
    }

    private static async Task<string> RunAsync(Route route, string[] arguments)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in CommonArguments.Concat(route.CurlArguments).Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{route.Name}: curl exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}

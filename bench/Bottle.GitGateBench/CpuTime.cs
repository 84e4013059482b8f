using System.Globalization;

namespace Bottle.GitGateBench;

/// <summary>CPU time of a process from <c>/proc/&lt;pid&gt;/stat</c>, in seconds (USER_HZ = 100 on Linux).</summary>
internal static class CpuTime
{
    /// <summary>utime + stime of <paramref name="pid"/>, plus cutime + cstime (its reaped children, git) when <paramref name="children"/>.</summary>
    public static double Read(string pid, bool children)
    {
        // Fields 14-17 (utime, stime, cutime, cstime), counted after the ")" that ends the command name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Enumerable.Range(11, children ? 4 : 2).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / 100.0;
    }
}

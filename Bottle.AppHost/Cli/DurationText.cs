using System.Globalization;

namespace Bottle.AppHost.Cli;

/// <summary>Durations on the command line: a whole number and a unit, <c>90s</c>, <c>10m</c>, <c>1h</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = string.Empty;
        var unit = text.Length > 0 ? text[^1] : '\0';
        var number = text.Length > 1 ? text[..^1] : string.Empty;
        if (unit is not ('s' or 'm' or 'h')
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value <= 0)
        {
            error = $"'{text}' is not a duration: write a positive whole number followed by s, m or h (e.g. 90s, 10m, 1h)";
            return false;
        }

        duration = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 && duration.TotalHours % 1 == 0 ? $"{duration.TotalHours:F0}h"
        : duration.TotalMinutes >= 1 && duration.TotalMinutes % 1 == 0 ? $"{duration.TotalMinutes:F0}m"
        : $"{duration.TotalSeconds:0.###}s";
}

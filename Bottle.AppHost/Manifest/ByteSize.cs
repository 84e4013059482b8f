using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bottle.AppHost.Manifest;

/// <summary>
/// Parses sizes like <c>512m</c>, <c>4g</c>, <c>4GiB</c>, <c>10MB</c> or a plain byte count. Every unit is binary
/// (k = 1024), as Docker reads memory limits, so <c>4g</c> means the same here and in <c>docker run -m</c>.
/// </summary>
public static class ByteSize
{
    /// <summary>Parses a positive size, or says why it is not one.</summary>
    public static bool TryParse(string text, out long bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && (char.IsAsciiDigit(trimmed[digits]) || trimmed[digits] == '.'))
        {
            digits++;
        }

        var unit = trimmed[digits..].Trim().ToLowerInvariant();
        var multiplier = unit switch
        {
            "" or "b" => 1L,
            "k" or "kb" or "kib" => 1L << 10,
            "m" or "mb" or "mib" => 1L << 20,
            "g" or "gb" or "gib" => 1L << 30,
            "t" or "tb" or "tib" => 1L << 40,
            _ => 0L,
        };
        if (digits == 0 || multiplier == 0 || !decimal.TryParse(trimmed[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' is not a size: write a number with an optional unit k, m, g or t (e.g. 512m, 4g, 4GiB)";
            return false;
        }

        var value = number * multiplier;
        if (value < 1 || value > long.MaxValue)
        {
            error = $"'{text}' is out of range: a size is at least 1 byte";
            return false;
        }

        bytes = (long)decimal.Floor(value);
        error = null;
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Bottle.Sidecars.Policy;

/// <summary>
/// Normalises the path of a request target before policy matching, so an attacker cannot reach a path the
/// policy does not allow by spelling it differently: percent-escapes of unreserved characters are decoded
/// (<c>%2e</c> is a dot), <c>.</c> and <c>..</c> segments are resolved, empty segments (<c>//</c>) collapse,
/// and escapes are upper-cased. Paths an upstream might read as a different path than we do (an escaped
/// slash or backslash next to a dot segment, a raw backslash, bad escapes, control or non-ASCII bytes) are
/// rejected rather than guessed at.
/// </summary>
public static class RequestPath
{
    /// <summary>
    /// Splits <paramref name="target"/> (an origin-form target such as <c>/v1/../v2/x?q=1</c>) into a
    /// normalised path and the raw query (without '?', or null), or says why it cannot be normalised.
    /// </summary>
    public static bool TryNormalize(
        string target,
        [NotNullWhen(true)] out string? path,
        out string? query,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(target);
        path = null;
        query = null;

        var q = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? target : target[..q];
        query = q < 0 ? null : target[(q + 1)..];

        if (rawPath.Length == 0 || rawPath[0] != '/')
        {
            error = $"path '{Shorten(rawPath)}' does not start with '/'";
            return false;
        }

        if (!TryDecodeUnreserved(rawPath, out var decoded, out error))
        {
            return false;
        }

        if (HasHiddenDotSegment(decoded))
        {
            error = "path hides a '.' or '..' segment behind an escaped '/' or '\\'";
            return false;
        }

        path = RemoveDotSegments(decoded);
        error = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="normalizedPath"/> lies under <paramref name="prefix"/>: a prefix ending in '/'
    /// matches literally; any other prefix matches itself or itself followed by '/' (so <c>/v1</c> never
    /// matches <c>/v1beta</c>).
    /// </summary>
    public static bool IsUnder(string normalizedPath, string prefix)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!normalizedPath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return prefix.EndsWith('/') || normalizedPath.Length == prefix.Length || normalizedPath[prefix.Length] == '/';
    }

    private static bool TryDecodeUnreserved(string raw, [NotNullWhen(true)] out string? decoded, [NotNullWhen(false)] out string? error)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                {
                    decoded = null;
                    error = $"path '{Shorten(raw)}' has a malformed percent-escape at offset {i}";
                    return false;
                }

                var value = (char)Convert.ToByte(raw.Substring(i + 1, 2), 16);
                if (IsUnreserved(value))
                {
                    sb.Append(value);
                }
                else
                {
                    sb.Append('%').Append(char.ToUpperInvariant(raw[i + 1])).Append(char.ToUpperInvariant(raw[i + 2]));
                }

                i += 2;
            }
            else if (c is <= ' ' or >= (char)0x7F or '\\' or '#')
            {
                decoded = null;
                error = $"path '{Shorten(raw)}' holds a forbidden character (0x{(int)c:X2}) at offset {i}";
                return false;
            }
            else
            {
                sb.Append(c);
            }
        }

        decoded = sb.ToString();
        error = null;
        return true;
    }

    // An upstream that decodes %2F or %5C into a separator would see segments we do not; refuse when that
    // alternative reading contains a dot segment (the /v1/..%2Fv2 trick).
    private static bool HasHiddenDotSegment(string decoded)
    {
        if (!decoded.Contains("%2F", StringComparison.Ordinal) && !decoded.Contains("%5C", StringComparison.Ordinal))
        {
            return false;
        }

        var alternative = decoded.Replace("%2F", "/", StringComparison.Ordinal).Replace("%5C", "/", StringComparison.Ordinal);
        foreach (var segment in alternative.Split('/'))
        {
            if (segment is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        var segments = path.Split('/');
        var trailingSlash = false;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            switch (segment)
            {
                case "..":
                    if (output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    trailingSlash = last;
                    break;
                case "." or "":
                    trailingSlash = last;
                    break;
                default:
                    output.Add(segment);
                    trailingSlash = false;
                    break;
            }
        }

        var result = "/" + string.Join('/', output);
        return trailingSlash && output.Count > 0 ? result + "/" : result;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";
}

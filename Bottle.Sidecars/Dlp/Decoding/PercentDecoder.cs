namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// URL/form decoding: <c>%XX</c> to the byte it names (kept as a Latin-1 character, so offsets stay byte-like and
/// nothing can fail to decode) and <c>+</c> to a space. Used only when the text holds at least one <c>%XX</c>.
/// </summary>
internal static class PercentDecoder
{
    /// <summary>True when <paramref name="text"/> holds a valid <c>%XX</c> escape, i.e. decoding would change it.</summary>
    public static bool HasEscape(ReadOnlySpan<char> text)
    {
        var i = text.IndexOf('%');
        while (i >= 0 && i + 2 < text.Length)
        {
            if (char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return true;
            }

            var next = text[(i + 1)..].IndexOf('%');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    /// <summary>Decodes <paramref name="text"/> into <paramref name="destination"/> (at least as long); returns the length written.</summary>
    public static int Decode(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                destination[written++] = (char)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else
            {
                destination[written++] = c == '+' ? ' ' : c;
            }
        }

        return written;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

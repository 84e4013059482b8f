namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// URL/form decoding: <c>%XX</c> to the byte it names (kept as a Latin-1 character, so offsets stay byte-like and
/// nothing can fail to decode) and <c>+</c> to a space. Applied per token (see <see cref="TryFindToken"/>).
/// </summary>
internal static class PercentDecoder
{
    /// <summary>
    /// The next percent-encoded token at or after <paramref name="from"/>: the run of characters around a valid
    /// <c>%XX</c> up to whitespace or a quote. Only such tokens are decoded, so prose with a stray
    /// <c>%20</c> costs a token, not a second copy of the whole text.
    /// </summary>
    public static bool TryFindToken(ReadOnlySpan<char> text, int from, out int start, out int end)
    {
        for (var i = from; i + 2 < text.Length; i++)
        {
            var next = text[i..].IndexOf('%');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                start = i;
                while (start > from && !IsBreak(text[start - 1]))
                {
                    start--;
                }

                end = i;
                while (end < text.Length && !IsBreak(text[end]))
                {
                    end++;
                }

                return true;
            }
        }

        start = end = 0;
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

    private static bool IsBreak(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '<' or '>' or '`';

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

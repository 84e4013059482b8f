namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// Finds base64/base64url and hex runs of at least <see cref="MinRunLength"/> characters without touching every
/// character: any such run covers one of the positions <c>k * MinRunLength - 1</c>, so only those are probed and
/// a run is expanded only around a probe that lands in the alphabet. Ordinary prose and code (short words) cost
/// about one probe per <see cref="MinRunLength"/> characters.
/// </summary>
internal static class EncodedRunFinder
{
    /// <summary>24 base64 characters carry 18 bytes: shorter runs cannot hide a useful secret.</summary>
    public const int MinRunLength = 24;

    /// <summary>32 hex digits carry 16 bytes.</summary>
    public const int MinHexLength = 32;

    private static readonly bool[] Alphabet = BuildAlphabet();

    /// <summary>Finds the next run starting at or after <paramref name="position"/>; advances it past the run.</summary>
    public static bool TryFindNext(ReadOnlySpan<char> text, ref int position, out EncodedRun run)
    {
        var floor = position;
        var probe = position + MinRunLength - 1;
        while (probe < text.Length)
        {
            if (!IsAlphabet(text[probe]))
            {
                probe += MinRunLength;
                continue;
            }

            var start = probe;
            while (start > floor && IsAlphabet(text[start - 1]))
            {
                start--;
            }

            var end = probe + 1;
            while (end < text.Length && IsAlphabet(text[end]))
            {
                end++;
            }

            if (end - start >= MinRunLength)
            {
                var isHex = end - start >= MinHexLength && text[start..end].ContainsAnyExcept(HexDigits) is false;
                var padded = end;
                while (padded < text.Length && padded - end < 2 && text[padded] == '=')
                {
                    padded++;
                }

                run = new EncodedRun(start, padded - start, isHex);
                position = padded;
                return true;
            }

            floor = end;
            probe = end + MinRunLength;
        }

        position = text.Length;
        run = default;
        return false;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsAlphabet(char c) => c < 128 && Alphabet[c];

    private static bool[] BuildAlphabet()
    {
        var table = new bool[128];
        foreach (var c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
        {
            table[c] = true;
        }

        return table;
    }
}

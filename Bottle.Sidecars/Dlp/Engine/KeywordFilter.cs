using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// The keyword pre-filter: a 262,144-bit table (32 KiB, fits L1) of hashed, case-folded 4-character keyword
/// prefixes (3-character keywords set every continuation). One pass over the text tests each position's 4-gram;
/// only positions whose bit is set are checked against the actual keywords. Measured here, <c>SearchValues&lt;string&gt;</c> is fast for a handful of strings
/// but falls to tens of MB/s at the ~120 keywords of the default rules (see bench/BENCHMARKS.md), while this
/// filter's cost does not grow with the keyword count.
/// </summary>
internal sealed class KeywordFilter
{
    /// <summary>The shortest keyword the filter supports (shorter ones would match almost everywhere anyway).</summary>
    public const int MinKeywordLength = 3;

    private const int TableBits = 18;
    private const int Bits = 1 << TableBits;
    private readonly ulong[] _table = new ulong[Bits / 64];

    public KeywordFilter(IEnumerable<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            if (keyword.Length < MinKeywordLength)
            {
                throw new ArgumentException($"keyword '{keyword}' is shorter than {MinKeywordLength} characters", nameof(keywords));
            }

            if (keyword.Length >= 4)
            {
                Set(Hash(Fold(keyword[0]), Fold(keyword[1]), Fold(keyword[2]), Fold(keyword[3])));
                continue;
            }

            // Three-character keywords: any fourth character may follow. A keyword ending the text is caught
            // because IndexOfCandidate reports the last three positions unconditionally.
            for (var c = 0; c < 128; c++)
            {
                Set(Hash(Fold(keyword[0]), Fold(keyword[1]), Fold(keyword[2]), (uint)c));
            }
        }
    }

    /// <summary>
    /// The next position at or after <paramref name="from"/> whose 4-gram may start a keyword, or -1. The last
    /// three positions (too short for a 4-gram) are always candidates, so a keyword there is never skipped.
    /// </summary>
    public int IndexOfCandidate(ReadOnlySpan<char> text, int from)
    {
        var last = text.Length - 3;
        if (from < last)
        {
            // The hot loop of the whole engine: no bounds checks (i + 3 < text.Length holds throughout).
            ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
            ref var start = ref MemoryMarshal.GetReference(text);
            var a = Fold(Unsafe.Add(ref start, from));
            var b = Fold(Unsafe.Add(ref start, from + 1));
            var c = Fold(Unsafe.Add(ref start, from + 2));
            for (var i = from; i < last; i++)
            {
                var d = Fold(Unsafe.Add(ref start, i + 3));
                var h = Hash(a, b, c, d);
                if ((Unsafe.Add(ref table, h >> 6) & (1UL << h)) != 0)
                {
                    return i;
                }

                a = b;
                b = c;
                c = d;
            }

            from = last;
        }

        return from < text.Length ? from : -1;
    }

    // Folding ORs in 0x20: ASCII letters lose their case; the few other pairs that collide ('_' and DEL,
    // '[' and '{') only add false candidates, which the exact keyword check removes.
    private static uint Fold(char c) => (uint)(c | 0x20) & 0x7F;

    // Fibonacci hashing of the exact 21-bit trigram spreads real keywords' trigrams over the table, so common
    // English trigrams rarely share a bit with them.
    private static int Hash(uint a, uint b, uint c, uint d) => (int)((((a << 21) | (b << 14) | (c << 7) | d) * 0x9E3779B1u) >> (32 - TableBits));

    private void Set(int h) => _table[h >> 6] |= 1UL << h;
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// The keyword pre-filter, in two stages. A vectorised pass (<see cref="NibbleFingerprint"/>) classifies 16
/// positions at a time by the first three case-folded characters; the few positions it lets through are checked
/// against a 262,144-bit table (32 KiB, fits L1) of hashed 4-character keyword prefixes (3-character keywords set
/// every continuation). Only positions that pass both are checked against the actual keywords. Where vectors are
/// not hardware-accelerated the table alone runs over every position. Where AVX-512 VBMI exists a wider, exact
/// pass (<see cref="ByteTableFingerprint"/>) takes 64 positions at a time and the 16-position pass only the end. Measured here, <c>SearchValues&lt;string&gt;</c>
/// is fast for a handful of strings but falls to tens of MB/s at the ~140 keywords of the default rules (see
/// bench/BENCHMARKS.md), while this filter's cost barely grows with the keyword count.
/// </summary>
internal sealed class KeywordFilter
{
    /// <summary>The shortest keyword the filter supports (shorter ones would match almost everywhere anyway).</summary>
    public const int MinKeywordLength = 3;

    private const int TableBits = 18;
    private const int Bits = 1 << TableBits;
    private readonly ulong[] _table = new ulong[Bits / 64];
    private readonly NibbleFingerprint? _fingerprint;
    private readonly ByteTableFingerprint? _wide;

    /// <param name="keywords">The keywords, ASCII, at least <see cref="MinKeywordLength"/> characters each.</param>
    /// <param name="allowWide">False keeps to the 16-position pass even where AVX-512 VBMI exists (tests cover both).</param>
    public KeywordFilter(IEnumerable<string> keywords, bool allowWide = true)
    {
        var all = keywords.ToList();
        foreach (var keyword in all)
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

        _fingerprint = Vector128.IsHardwareAccelerated && all.Count > 0 ? new NibbleFingerprint(all) : null;
        _wide = allowWide && VbmiChars.IsSupported && all.Count > 0 ? new ByteTableFingerprint(all) : null;
    }

    /// <summary>
    /// The next position at or after <paramref name="from"/> whose 4-gram may start a keyword, or -1. The last
    /// three positions (too short for a 4-gram) are always candidates, so a keyword there is never skipped.
    /// </summary>
    public int IndexOfCandidate(ReadOnlySpan<char> text, int from)
    {
        var last = text.Length - 3;
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var wideEnd = text.Length - (2 * ByteTableFingerprint.Block);
        if (_wide is not null && from < wideEnd)
        {
            var found = _wide.IndexOfCandidate(ref chars, ref from, wideEnd, this);
            if (found >= 0)
            {
                return found;
            }
        }

        // Whole blocks of 16 positions whose 4-grams (and so fingerprints) lie inside the text; the scalar loop
        // below takes the rest.
        var end = text.Length - 16 - 3;
        if (_fingerprint is not null && from < end)
        {
            var found = _fingerprint.IndexOfCandidate(ref chars, ref from, end, this);
            if (found >= 0)
            {
                return found;
            }
        }

        if (from < last)
        {
            // The scalar path (no vectors, or the last block's worth): no bounds checks (i + 3 < text.Length holds throughout).
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

    /// <summary>Whether the 4-gram at <paramref name="i"/> may start a keyword; <c>i + 3</c> must lie in the text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool FourGramMayMatch(ref ushort chars, int i)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(_table);
        var h = Hash(Fold((char)Unsafe.Add(ref chars, i)), Fold((char)Unsafe.Add(ref chars, i + 1)), Fold((char)Unsafe.Add(ref chars, i + 2)), Fold((char)Unsafe.Add(ref chars, i + 3)));
        return (Unsafe.Add(ref table, h >> 6) & (1UL << h)) != 0;
    }

    // Folding ORs in 0x20: ASCII letters lose their case; the few other pairs that collide ('_' and DEL,
    // '[' and '{') only add false candidates, which the exact keyword check removes.
    private static uint Fold(char c) => (uint)(c | 0x20) & 0x7F;

    // Fibonacci hashing of the exact 21-bit trigram spreads real keywords' trigrams over the table, so common
    // English trigrams rarely share a bit with them.
    private static int Hash(uint a, uint b, uint c, uint d) => (int)((((a << 21) | (b << 14) | (c << 7) | d) * 0x9E3779B1u) >> (32 - TableBits));

    private void Set(int h) => _table[h >> 6] |= 1UL << h;
}

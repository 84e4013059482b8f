using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// The wide first pass where AVX-512 VBMI exists: 64 positions per step. Like <see cref="NibbleFingerprint"/> it
/// sorts keywords into 16 buckets (two sets of 8 bits), but each of the first <see cref="Width"/> characters is
/// looked up whole in a 128-entry table (<c>vpermi2b</c> indexes two 64-byte registers by a byte's low 7 bits), so a
/// bucket lets through exactly the characters its keywords have at that place, in either case, instead of the
/// cross product of their nibbles; and a fourth character is checked. Never misses a keyword: every ASCII keyword
/// character (both cases of a letter) is set, three-character keywords allow any fourth character, and a
/// non-ASCII character only lands on some entry, which adds a false candidate at worst.
/// </summary>
internal sealed class ByteTableFingerprint
{
    /// <summary>How many leading characters of a keyword are looked up.</summary>
    public const int Width = 4;

    /// <summary>Positions classified per step.</summary>
    public const int Block = VbmiChars.Block;

    private const int Sets = 2;
    private const int Buckets = Sets * 8;

    // The place past a short keyword's end, which allows any character.
    private const char Any = '\uFFFF';

    // Permute indexes picking the bytes 1, 2, 3 places on from two consecutive blocks.
    private static readonly Vector512<byte> Shift1 = VbmiChars.Indexes(1, 1);
    private static readonly Vector512<byte> Shift2 = VbmiChars.Indexes(2, 1);
    private static readonly Vector512<byte> Shift3 = VbmiChars.Indexes(3, 1);

    // Indexed [set * Width + position]: entries 0-63 and 64-127 of each 128-entry table.
    private readonly Vector512<byte>[] _low = new Vector512<byte>[Sets * Width];
    private readonly Vector512<byte>[] _high = new Vector512<byte>[Sets * Width];

    public ByteTableFingerprint(IReadOnlyCollection<string> keywords)
    {
        var tables = new byte[Sets * Width * 128];
        foreach (var (keyword, bucket) in Bucketize(keywords))
        {
            var bit = (byte)(1 << (bucket % 8));
            for (var j = 0; j < Width; j++)
            {
                var row = ((bucket / 8 * Width) + j) * 128;
                if (j >= keyword.Length)
                {
                    for (var c = 0; c < 128; c++)
                    {
                        tables[row + c] |= bit;
                    }

                    continue;
                }

                tables[row + char.ToLowerInvariant(keyword[j])] |= bit;
                tables[row + char.ToUpperInvariant(keyword[j])] |= bit;
            }
        }

        for (var t = 0; t < Sets * Width; t++)
        {
            (_low[t], _high[t]) = VbmiChars.Table(tables.AsSpan(t * 128, 128));
        }
    }

    /// <summary>
    /// The first position in <c>[from, end)</c> (blocks of <see cref="Block"/> from <paramref name="from"/>) that the
    /// tables let through and <paramref name="confirm"/>'s 4-gram table confirms, or -1; <paramref name="from"/> is
    /// left at the block holding it (or at the first block not scanned). Reads up to <c>end + 2 * Block - 1</c>.
    /// </summary>
    public int IndexOfCandidate(ref ushort chars, ref int from, int end, KeywordFilter confirm)
    {
        // Sixteen table registers stay in registers across the loop (AVX-512 has 32).
        Vector512<byte> a0 = _low[0], a1 = _low[1], a2 = _low[2], a3 = _low[3], b0 = _high[0], b1 = _high[1], b2 = _high[2], b3 = _high[3];
        Vector512<byte> c0 = _low[4], c1 = _low[5], c2 = _low[6], c3 = _low[7], d0 = _high[4], d1 = _high[5], d2 = _high[6], d3 = _high[7];
        var next = VbmiChars.LowBytes(ref Unsafe.Add(ref chars, from));
        for (; from < end; from += Block)
        {
            // Each block's characters are narrowed once; the three shifted views (positions + 1, 2, 3) are picked
            // from this block and the next with one permute each, instead of narrowing overlapping loads again.
            var x0 = next;
            next = VbmiChars.LowBytes(ref Unsafe.Add(ref chars, from + Block));
            var x1 = Avx512Vbmi.PermuteVar64x8x2(x0, Shift1, next);
            var x2 = Avx512Vbmi.PermuteVar64x8x2(x0, Shift2, next);
            var x3 = Avx512Vbmi.PermuteVar64x8x2(x0, Shift3, next);
            var first = Avx512Vbmi.PermuteVar64x8x2(a0, x0, b0) & Avx512Vbmi.PermuteVar64x8x2(a1, x1, b1)
                        & Avx512Vbmi.PermuteVar64x8x2(a2, x2, b2) & Avx512Vbmi.PermuteVar64x8x2(a3, x3, b3);
            var second = Avx512Vbmi.PermuteVar64x8x2(c0, x0, d0) & Avx512Vbmi.PermuteVar64x8x2(c1, x1, d1)
                         & Avx512Vbmi.PermuteVar64x8x2(c2, x2, d2) & Avx512Vbmi.PermuteVar64x8x2(c3, x3, d3);
            var mask = ~Vector512.Equals(first | second, Vector512<byte>.Zero).ExtractMostSignificantBits();
            for (; mask != 0; mask &= mask - 1)
            {
                var i = from + BitOperations.TrailingZeroCount(mask);
                if (confirm.FourGramMayMatch(ref chars, i))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// Groups keywords by first character (and whether they reach the fourth place) and gives each group, largest
    /// first, the bucket where it widens the product of allowed characters per place the least.
    /// </summary>
    private static IEnumerable<(string Keyword, int Bucket)> Bucketize(IReadOnlyCollection<string> keywords)
    {
        var groups = keywords.GroupBy(k => (First: char.ToLowerInvariant(k[0]), Short: k.Length < Width))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.First).ThenBy(g => g.Key.Short);
        var allowed = new HashSet<char>[Buckets, Width];
        for (var b = 0; b < Buckets; b++)
        {
            for (var j = 0; j < Width; j++)
            {
                allowed[b, j] = [];
            }
        }

        var counts = new int[Buckets];
        foreach (var group in groups)
        {
            var best = 0;
            var bestCost = long.MaxValue;
            for (var b = 0; b < Buckets; b++)
            {
                long before = 1, after = 1;
                for (var j = 0; j < Width; j++)
                {
                    var set = allowed[b, j];
                    before *= Size(set);
                    after *= Size([.. set, .. group.Select(k => Place(k, j))]);
                }

                var cost = ((after - before) * 1024) + counts[b];
                if (cost < bestCost)
                {
                    best = b;
                    bestCost = cost;
                }
            }

            counts[best] += group.Count();
            foreach (var keyword in group)
            {
                for (var j = 0; j < Width; j++)
                {
                    allowed[best, j].Add(Place(keyword, j));
                }

                yield return (keyword, best);
            }
        }
    }

    // A keyword's character at place j, case-folded, or Any past its end.
    private static char Place(string keyword, int j) => j < keyword.Length ? char.ToLowerInvariant(keyword[j]) : Any;

    // How much a place lets through: a place that allows anything weighs as much as the printable characters.
    private static int Size(HashSet<char> set) => set.Contains(Any) ? 64 : set.Count;
}

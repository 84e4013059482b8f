using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// A vectorised first pass over 16 characters at a time (Teddy, the packed multi-literal filter from Hyperscan):
/// every keyword sits in one of 16 buckets (two sets of 8 bits), and for each of its first <see cref="Width"/>
/// case-folded characters two 16-entry tables, indexed by the character's low and high nibble, hold the bits of
/// the buckets that allow that nibble there. A position is a candidate when some bucket allows all six nibbles,
/// so one <c>ShuffleNative</c> (pshufb / tbl) per nibble and set classifies 16 positions at once. Never misses a keyword
/// (every ASCII keyword character is looked up exactly); the false candidates it lets through are removed by
/// <see cref="KeywordFilter"/>'s 4-gram table and the exact keyword check.
/// </summary>
internal sealed class NibbleFingerprint
{
    /// <summary>How many leading characters of a keyword are fingerprinted (every keyword has at least this many).</summary>
    public const int Width = 3;

    /// <summary>Characters read past the last position of a block (the rest of the last fingerprint).</summary>
    public const int Reach = Width - 1;

    // Two sets of 8 buckets: with ~140 keywords, 8 buckets mix so many first characters that a bucket's nibble
    // cross product lets through ~13% of positions of ordinary code; 16 buckets let through a few percent.
    private const int Sets = 2;
    private const int Buckets = Sets * 8;

    // Indexed [set * Width + position]; IndexOfCandidate unrolls them for Sets = 2, Width = 3.
    private readonly Vector128<byte>[] _low = new Vector128<byte>[Sets * Width];
    private readonly Vector128<byte>[] _high = new Vector128<byte>[Sets * Width];

    public NibbleFingerprint(IReadOnlyCollection<string> keywords)
    {
        var low = new byte[Sets * Width * 16];
        var high = new byte[Sets * Width * 16];
        foreach (var (keyword, bucket) in Bucketize(keywords))
        {
            var table = (bucket / 8) * Width;
            for (var j = 0; j < Width; j++)
            {
                var c = Fold(keyword[j]);
                low[((table + j) * 16) + (c & 0xF)] |= (byte)(1 << (bucket % 8));
                high[((table + j) * 16) + (c >> 4)] |= (byte)(1 << (bucket % 8));
            }
        }

        for (var t = 0; t < Sets * Width; t++)
        {
            _low[t] = Vector128.Create(low.AsSpan(t * 16, 16));
            _high[t] = Vector128.Create(high.AsSpan(t * 16, 16));
        }
    }

    /// <summary>
    /// The first position in <c>[from, end)</c> (a multiple of 16 apart from <paramref name="from"/>) that the
    /// fingerprint lets through and <paramref name="confirm"/>'s 4-gram table confirms, or -1; <paramref name="from"/>
    /// is left at the block holding it (or at the first block not scanned). Reads up to <c>end + 15 + <see cref="Reach"/></c>.
    /// </summary>
    public int IndexOfCandidate(ref ushort chars, ref int from, int end, KeywordFilter confirm)
    {
        // The tables live in locals so the loop keeps them in registers instead of reloading twelve fields per block.
        Vector128<byte> l0 = _low[0], l1 = _low[1], l2 = _low[2], h0 = _high[0], h1 = _high[1], h2 = _high[2];
        Vector128<byte> m0 = _low[3], m1 = _low[4], m2 = _low[5], g0 = _high[3], g1 = _high[4], g2 = _high[5];
        var nibble = Vector128.Create((byte)0xF);
        var fold = Vector128.Create((byte)0x20);
        for (; from < end; from += 16)
        {
            ref var start = ref Unsafe.Add(ref chars, from);
            // Narrowing keeps the low byte: an ASCII character is unchanged, any other only adds a false candidate.
            var b0 = Vector128.Narrow(Vector128.LoadUnsafe(ref start), Vector128.LoadUnsafe(ref start, 8)) | fold;
            var b1 = Vector128.Narrow(Vector128.LoadUnsafe(ref start, 1), Vector128.LoadUnsafe(ref start, 9)) | fold;
            var b2 = Vector128.Narrow(Vector128.LoadUnsafe(ref start, 2), Vector128.LoadUnsafe(ref start, 10)) | fold;
            Vector128<byte> lo0 = b0 & nibble, lo1 = b1 & nibble, lo2 = b2 & nibble;
            Vector128<byte> hi0 = Vector128.ShiftRightLogical(b0, 4), hi1 = Vector128.ShiftRightLogical(b1, 4), hi2 = Vector128.ShiftRightLogical(b2, 4);
            var first = Vector128.ShuffleNative(l0, lo0) & Vector128.ShuffleNative(h0, hi0) & Vector128.ShuffleNative(l1, lo1)
                        & Vector128.ShuffleNative(h1, hi1) & Vector128.ShuffleNative(l2, lo2) & Vector128.ShuffleNative(h2, hi2);
            var second = Vector128.ShuffleNative(m0, lo0) & Vector128.ShuffleNative(g0, hi0) & Vector128.ShuffleNative(m1, lo1)
                         & Vector128.ShuffleNative(g1, hi1) & Vector128.ShuffleNative(m2, lo2) & Vector128.ShuffleNative(g2, hi2);
            var mask = ~Vector128.Equals(first | second, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF;
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

    // The same folding as the scalar filter's, before its 7-bit mask: letters lose their case.
    private static int Fold(char c) => (c | 0x20) & 0xFF;

    /// <summary>
    /// Groups keywords by first character and gives each group, largest first, the bucket where it adds the
    /// fewest fingerprints: a bucket lets through the cross product of its (low, high) nibbles at each of the
    /// <see cref="Width"/> positions, so keywords that share characters belong together.
    /// </summary>
    private static IEnumerable<(string Keyword, int Bucket)> Bucketize(IReadOnlyCollection<string> keywords)
    {
        var groups = keywords.GroupBy(k => Fold(k[0])).OrderByDescending(g => g.Count()).ThenBy(g => g.Key);
        var lows = new int[Buckets, Width];
        var highs = new int[Buckets, Width];
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
                    int l = lows[b, j], h = highs[b, j];
                    before *= BitOperations.PopCount((uint)l) * BitOperations.PopCount((uint)h);
                    foreach (var keyword in group)
                    {
                        l |= 1 << (Fold(keyword[j]) & 0xF);
                        h |= 1 << (Fold(keyword[j]) >> 4);
                    }

                    after *= BitOperations.PopCount((uint)l) * BitOperations.PopCount((uint)h);
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
                    lows[best, j] |= 1 << (Fold(keyword[j]) & 0xF);
                    highs[best, j] |= 1 << (Fold(keyword[j]) >> 4);
                }

                yield return (keyword, best);
            }
        }
    }
}

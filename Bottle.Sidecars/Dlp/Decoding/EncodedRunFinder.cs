using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Bottle.Sidecars.Dlp.Engine;

namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// Finds base64/base64url and hex runs of at least <see cref="MinRunLength"/> characters. Vectors turn 64
/// characters at a time into a bitmask of alphabet membership, and five shift-and-ANDs of the mask leave a bit
/// only where <see cref="MinRunLength"/> members follow, so ordinary code (short words) costs a few instructions
/// per 64 characters and no branch per word; a run crossing blocks is caught by counting the members that end one
/// block and begin the next.
/// </summary>
internal static class EncodedRunFinder
{
    /// <summary>24 base64 characters carry 18 bytes: shorter runs cannot hide a useful secret.</summary>
    public const int MinRunLength = 24;

    /// <summary>32 hex digits carry 16 bytes.</summary>
    public const int MinHexLength = 32;

    private const int Block = 64;

    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_");

    private static readonly (Vector512<byte> Low, Vector512<byte> High) MemberTable = BuildMemberTable();

    private static readonly Vector512<ushort> NonAscii = Vector512.Create((ushort)0xFF80);

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Finds the next run starting at or after <paramref name="position"/>; advances it past the run.</summary>
    public static bool TryFindNext(ReadOnlySpan<char> text, ref int position, out EncodedRun run)
    {
        var start = IndexOfRun(text, position);
        if (start < 0)
        {
            position = text.Length;
            run = default;
            return false;
        }

        // The first MinRunLength characters are members; the run goes on to the first non-member.
        var rest = text[(start + MinRunLength)..].IndexOfAnyExcept(Alphabet);
        var end = rest < 0 ? text.Length : start + MinRunLength + rest;
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

    /// <summary>The start of the first maximal run of at least <see cref="MinRunLength"/> members within <c>[from, end)</c>, or -1.</summary>
    private static int IndexOfRun(ReadOnlySpan<char> text, int from)
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var pending = 0; // members ending the previous block (all at or after from)
        for (var block = from; block < text.Length; block += Block)
        {
            var mask = MembershipMask(ref Unsafe.Add(ref chars, block), Math.Min(Block, text.Length - block));
            var leading = BitOperations.TrailingZeroCount(~mask);
            if (pending + leading >= MinRunLength)
            {
                return block - pending;
            }

            // Bit i survives when bits i..i+23 are all set: runs of 2, 4, 8, 16, then 16 + 8.
            var runs = mask & (mask >> 1);
            runs &= runs >> 2;
            runs &= runs >> 4;
            runs &= runs >> 8;
            runs &= runs >> 8;
            if (runs != 0)
            {
                // The lowest survivor starts its run: had the run begun earlier in the block, that bit would survive too;
                // had it begun in an earlier block, the check above would have caught it.
                return block + BitOperations.TrailingZeroCount(runs);
            }

            pending = mask == ulong.MaxValue ? pending + Block : BitOperations.LeadingZeroCount(~mask);
        }

        return -1;
    }

    /// <summary>Bit i set when the i-th of <paramref name="count"/> (at most 64) characters is in the alphabet.</summary>
    private static ulong MembershipMask(ref ushort chars, int count)
    {
        if (count == Block && VbmiChars.IsSupported)
        {
            // One permute narrows, one looks the low 7 bits up; characters above 0x7F are dropped by their high bits.
            var member = Avx512Vbmi.PermuteVar64x8x2(MemberTable.Low, VbmiChars.LowBytes(ref chars), MemberTable.High).ExtractMostSignificantBits();
            var ascii = Vector512.Equals(Vector512.LoadUnsafe(ref chars) & NonAscii, Vector512<ushort>.Zero).ExtractMostSignificantBits()
                        | (Vector512.Equals(Vector512.LoadUnsafe(ref chars, 32) & NonAscii, Vector512<ushort>.Zero).ExtractMostSignificantBits() << 32);
            return member & ascii;
        }

        if (count == Block && Vector512.IsHardwareAccelerated)
        {
            return Vector512.Narrow(Members(Vector512.LoadUnsafe(ref chars)), Members(Vector512.LoadUnsafe(ref chars, 32))).ExtractMostSignificantBits();
        }

        if (count == Block && Vector128.IsHardwareAccelerated)
        {
            var mask = 0UL;
            for (var i = 0; i < Block; i += 16)
            {
                var bits = Vector128.Narrow(Members(Vector128.LoadUnsafe(ref chars, (nuint)i)), Members(Vector128.LoadUnsafe(ref chars, (nuint)i + 8))).ExtractMostSignificantBits();
                mask |= (ulong)bits << i;
            }

            return mask;
        }

        var scalar = 0UL;
        for (var i = 0; i < count; i++)
        {
            if (Alphabet.Contains((char)Unsafe.Add(ref chars, i)))
            {
                scalar |= 1UL << i;
            }
        }

        return scalar;
    }

    private static (Vector512<byte> Low, Vector512<byte> High) BuildMemberTable()
    {
        var entries = new byte[128];
        for (var c = 0; c < entries.Length; c++)
        {
            entries[c] = Alphabet.Contains((char)c) ? (byte)0x80 : (byte)0;
        }

        return VbmiChars.Table(entries);
    }

    // All ones where the character is a letter, a digit, '+', '/', '-' or '_' (unsigned compares: anything
    // else, non-ASCII included, falls outside every range).
    private static Vector512<ushort> Members(Vector512<ushort> c) =>
        Vector512.LessThanOrEqual((c | Vector512.Create((ushort)0x20)) - Vector512.Create((ushort)'a'), Vector512.Create((ushort)25))
        | Vector512.LessThanOrEqual(c - Vector512.Create((ushort)'0'), Vector512.Create((ushort)9))
        | Vector512.Equals(c, Vector512.Create((ushort)'+')) | Vector512.Equals(c, Vector512.Create((ushort)'/'))
        | Vector512.Equals(c, Vector512.Create((ushort)'-')) | Vector512.Equals(c, Vector512.Create((ushort)'_'));

    private static Vector128<ushort> Members(Vector128<ushort> c) =>
        Vector128.LessThanOrEqual((c | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25))
        | Vector128.LessThanOrEqual(c - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9))
        | Vector128.Equals(c, Vector128.Create((ushort)'+')) | Vector128.Equals(c, Vector128.Create((ushort)'/'))
        | Vector128.Equals(c, Vector128.Create((ushort)'-')) | Vector128.Equals(c, Vector128.Create((ushort)'_'));
}

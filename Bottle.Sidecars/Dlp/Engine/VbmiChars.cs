using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// What the AVX-512 VBMI passes (<see cref="ByteTableFingerprint"/>, the base64 run finder) share: whether the CPU
/// has it, and 64 UTF-16 characters narrowed to their low bytes with one byte permute.
/// </summary>
internal static class VbmiChars
{
    /// <summary>Characters per 512-bit register of bytes.</summary>
    public const int Block = 64;

    private static readonly Vector512<byte> EvenBytes = Indexes(0, 2);

    /// <summary>Whether this CPU runs the VBMI passes.</summary>
    public static bool IsSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    /// <summary>
    /// The low bytes of the 64 characters at <paramref name="chars"/>: an ASCII character is unchanged; any other
    /// becomes some byte, so callers that need ASCII exactness check the high bits themselves or accept a false hit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> LowBytes(ref ushort chars) =>
        Avx512Vbmi.PermuteVar64x8x2(Vector512.LoadUnsafe(ref chars).AsByte(), EvenBytes, Vector512.LoadUnsafe(ref chars, 32).AsByte());

    /// <summary>Permute indexes <c>first, first + step, ...</c> (64 of them).</summary>
    public static Vector512<byte> Indexes(int first, int step)
    {
        var bytes = new byte[Block];
        for (var k = 0; k < Block; k++)
        {
            bytes[k] = (byte)(first + (k * step));
        }

        return Vector512.Create(bytes);
    }

    /// <summary>A 128-entry byte table as the two registers <c>vpermi2b</c> indexes (entries 0-63 and 64-127).</summary>
    public static (Vector512<byte> Low, Vector512<byte> High) Table(ReadOnlySpan<byte> entries) =>
        (Vector512.Create(entries[..Block]), Vector512.Create(entries[Block..(2 * Block)]));
}

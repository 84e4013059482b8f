namespace Bottle.Tests.Unit.Dlp.Fixtures;

/// <summary>
/// Deterministic fake token material: characters of an alphabet taken with a fixed stride, so values are
/// high-entropy and of the right shape but plainly generated (nothing here is, or was, a real secret, and the
/// source holds only prefixes, so no scanner mistakes this repository for a leak).
/// </summary>
internal static class Fake
{
    public const string AlnumSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Of(string alphabet, int length, int seed = 1)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[((i * 7) + seed) % alphabet.Length];
        }

        return new string(chars);
    }

    public static string Alnum(int length, int seed = 1) => Of(AlnumSet, length, seed);

    public static string Hex(int length) => Of("0123456789abcdef", length);

    public static string Upper32(int length) => Of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);

    public static string UpperAlnum(int length) => Of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

    public static string LowerAlnum(int length) => Of("abcdefghijklmnopqrstuvwxyz0123456789", length);

    public static string Letters(int length) => Of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", length);

    public static string Digits(int length) => Of("1234567890", length, seed: 0);

    public static string Base64(int length, int seed = 1) => Of(AlnumSet + "+/", length, seed);

    public static string Uuid() => $"{Hex(8)}-{Hex(4)}-{Hex(4)}-{Hex(4)}-{Hex(12)}";

    /// <summary>A low-entropy filler of the right length (two alternating characters).</summary>
    public static string Dull(int length) => Of("ab", length, seed: 0);
}

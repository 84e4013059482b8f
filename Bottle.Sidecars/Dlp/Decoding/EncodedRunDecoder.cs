using System.Buffers;
using System.Buffers.Text;

namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// Decodes a run found by <see cref="EncodedRunFinder"/>: hex runs as hex, others as base64 in either alphabet
/// (standard characters are mapped to base64url, padding is optional). Decoding is lenient on purpose: a run that
/// does not decode cleanly yields nothing, which costs only the attempt.
/// </summary>
internal static class EncodedRunDecoder
{
    /// <summary>Decoded data shorter than this cannot hold a secret worth reporting.</summary>
    public const int MinDecodedBytes = 12;

    /// <summary>The largest number of bytes <paramref name="run"/> can decode to.</summary>
    public static int MaxDecodedLength(EncodedRun run) => run.IsHex ? run.Length / 2 : (run.Length * 3 / 4) + 2;

    /// <summary>Decodes the run into <paramref name="destination"/>; returns the bytes written, 0 when it does not decode.</summary>
    public static int Decode(ReadOnlySpan<char> runText, bool isHex, Span<byte> destination)
    {
        if (isHex)
        {
            var even = runText[..(runText.Length & ~1)];
            return Convert.FromHexString(even, destination, out _, out var written) == OperationStatus.Done ? written : 0;
        }

        var body = runText.TrimEnd('=');
        if (body.Length % 4 == 1)
        {
            // One dangling character encodes no whole byte; drop it rather than reject the run.
            body = body[..^1];
        }

        char[]? rented = null;
        var normalised = body.Length <= 1024 ? stackalloc char[body.Length] : (rented = ArrayPool<char>.Shared.Rent(body.Length)).AsSpan(0, body.Length);
        try
        {
            for (var i = 0; i < body.Length; i++)
            {
                normalised[i] = body[i] switch { '+' => '-', '/' => '_', var c => c };
            }

            return Base64Url.DecodeFromChars(normalised, destination, out _, out var written) == OperationStatus.Done ? written : 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}

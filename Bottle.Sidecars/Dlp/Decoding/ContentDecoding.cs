using System.IO.Compression;

namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>
/// Undoes HTTP <c>Content-Encoding</c> (gzip, deflate, br, identity; a comma-separated list is undone last to
/// first) so the body is scanned as the upstream would read it. Anything else is refused: a body the scanner
/// cannot read is a body it cannot vouch for.
/// </summary>
internal static class ContentDecoding
{
    /// <summary>Wraps <paramref name="body"/> in decompressors; returns null with <paramref name="error"/> for an unknown coding.</summary>
    public static Stream? Wrap(Stream body, string? contentEncoding, int maxLayers, out string? error, out string? chain)
    {
        error = null;
        chain = null;
        if (string.IsNullOrWhiteSpace(contentEncoding))
        {
            return body;
        }

        var codings = contentEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (codings.Length > maxLayers)
        {
            error = $"Content-Encoding '{contentEncoding}' has {codings.Length} layers; at most {maxLayers} are decoded";
            return null;
        }

        var stream = body;
        // Only the innermost decompressor leaves the caller's stream open; outer ones own the layer they wrap.
        for (var i = codings.Length - 1; i >= 0; i--)
        {
            var coding = codings[i].ToLowerInvariant();
            stream = coding switch
            {
                "identity" => stream,
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: ReferenceEquals(stream, body)),
                // RFC 9110: "deflate" is the zlib format.
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: ReferenceEquals(stream, body)),
                "br" => new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: ReferenceEquals(stream, body)),
                _ => null!,
            };
            if (stream is null)
            {
                error = $"Content-Encoding '{codings[i]}' is not supported (gzip, deflate, br and identity are)";
                return null;
            }

            if (coding != "identity")
            {
                chain = chain is null ? coding : $"{chain}+{coding}";
            }
        }

        return stream;
    }
}

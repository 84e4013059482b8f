using System.Security.Cryptography;
using System.Text;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// Turns a secret into what may be shown: a prefix short enough not to help an attacker (at most 6 characters and
/// at most a fifth of the secret, so mostly the token's public prefix) and a SHA-256 fingerprint.
/// </summary>
internal static class SecretRedactor
{
    public static (string Redacted, string Fingerprint) Redact(ReadOnlySpan<char> secret)
    {
        Span<byte> hash = stackalloc byte[32];
        var byteCount = Encoding.UTF8.GetByteCount(secret);
        var rented = byteCount <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount);
        var bytes = rented is null ? stackalloc byte[byteCount] : rented.AsSpan(0, byteCount);
        Encoding.UTF8.GetBytes(secret, bytes);
        SHA256.HashData(bytes, hash);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }

        var fingerprint = Convert.ToHexStringLower(hash[..6]);
        var prefix = secret[..Math.Min(6, secret.Length / 5)];
        return ($"{prefix}…sha256:{fingerprint}", fingerprint);
    }
}

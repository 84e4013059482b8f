using System.Security.Cryptography;
using System.Text;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// The stand-in text the agent holds instead of a real credential: <c>bottle-cred-&lt;uuid&gt;</c>. The uuid is
/// derived from the bottle slug and the credential name (SHA-256, laid out as a version-8 UUID) so plans are
/// reproducible; it carries no information about the value.
/// </summary>
public static class CredentialPlaceholder
{
    /// <summary>Every placeholder starts with this.</summary>
    public const string Prefix = "bottle-cred-";

    /// <summary>The placeholder for credential <paramref name="credentialName"/> in bottle <paramref name="slug"/>.</summary>
    public static string Create(string slug, string credentialName)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(credentialName);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(slug + "\0" + credentialName), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom (RFC 9562)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        var hex = Convert.ToHexStringLower(bytes);
        return $"{Prefix}{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}

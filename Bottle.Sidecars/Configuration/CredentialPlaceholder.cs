using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// The stand-in text the agent holds instead of a real credential: <c>bottle-cred-&lt;uuid&gt;</c>. The uuid is
/// derived from the bottle slug and the credential name (SHA-256, laid out as a version-8 UUID) so plans are
/// reproducible; it carries no information about the value.
/// </summary>
public static partial class CredentialPlaceholder
{
    /// <summary>Every placeholder starts with this.</summary>
    public const string Prefix = "bottle-cred-";

    /// <summary>The length of every placeholder: the prefix and a 36-character UUID.</summary>
    public const int Length = 12 + 36;

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

    /// <summary>True when <paramref name="text"/> is exactly one well-formed placeholder (any case).</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> text) =>
        text.Length == Length
        && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && Guid.TryParseExact(text[Prefix.Length..], "D", out _);

    /// <summary>Every placeholder in <paramref name="text"/>, lower-cased (the agent may have changed the case).</summary>
    public static IEnumerable<string> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in AnyPattern().Matches(text))
        {
            yield return match.Value.ToLowerInvariant();
        }
    }

    /// <summary>Every placeholder in a body prefix, read as Latin-1 so any byte sequence maps to characters 1:1.</summary>
    public static IEnumerable<string> FindAll(ReadOnlySpan<byte> bytes) => FindAll(Encoding.Latin1.GetString(bytes));

    [GeneratedRegex("bottle-cred-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyPattern();
}

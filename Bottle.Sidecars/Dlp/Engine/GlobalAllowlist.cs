using Bottle.Sidecars.Configuration;
namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// Values that are never secrets whatever rule matched them: one repeated character (<c>xxxxxxxx</c>, <c>********</c>),
/// template references (<c>${TOKEN}</c>, <c>{{ secrets.X }}</c>, <c>%TOKEN%</c>, <c>&lt;your-key&gt;</c>) and
/// Bottle's own credential placeholders (checked against their bindings separately).
/// </summary>
internal static class GlobalAllowlist
{
    public static bool Matches(ReadOnlySpan<char> secret)
    {
        if (secret.IsEmpty || !secret.ContainsAnyExcept(secret[0]))
        {
            return true;
        }

        if (secret.StartsWith("${", StringComparison.Ordinal) || secret.StartsWith("{{", StringComparison.Ordinal)
            || secret.StartsWith("$(", StringComparison.Ordinal)
            || (secret[0] == '<' && secret[^1] == '>') || (secret[0] == '%' && secret[^1] == '%'))
        {
            return true;
        }

        return secret.Contains(CredentialPlaceholder.Prefix, StringComparison.OrdinalIgnoreCase);
    }
}

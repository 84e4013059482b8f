namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>The shape of Bottle's credential placeholders: <c>bottle-cred-</c> followed by a UUID in 8-4-4-4-12 form.</summary>
internal static class CredentialPlaceholders
{
    public const string Prefix = "bottle-cred-";

    /// <summary>Prefix plus a 36-character UUID.</summary>
    public const int Length = 12 + 36;

    public static bool IsPlaceholder(ReadOnlySpan<char> text) =>
        text.Length == Length
        && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && Guid.TryParseExact(text[Prefix.Length..], "D", out _);
}

namespace Bottle.AppHost.Manifest;

/// <summary>The naming rules of manifest identifiers; each check returns null when fine, or why not.</summary>
internal static class ManifestNames
{
    public const int MaxNameLength = 40;

    /// <summary>Bottle names follow Aspire's resource-name rule, lower-case: letter first, <c>[a-z0-9-]</c>, no <c>--</c>, no trailing <c>-</c>.</summary>
    public static string? CheckBottleName(string value) =>
        value.Length is 0 or > MaxNameLength ? $"'{value}' must be 1 to {MaxNameLength} characters long"
        : value[0] is not (>= 'a' and <= 'z') ? $"'{value}' must start with a lower-case letter"
        : CheckIdentifier(value, MaxNameLength);

    /// <summary>Identifiers (instances, credential names, pattern ids, remote names): <c>[a-z0-9-]</c>, no leading, trailing or double <c>-</c>.</summary>
    public static string? CheckIdentifier(string value, int maxLength = 63)
    {
        if (value.Length == 0 || value.Length > maxLength)
        {
            return $"'{value}' must be 1 to {maxLength} characters long";
        }

        if (value.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
        {
            return $"'{value}' may hold only lower-case letters, digits and '-'";
        }

        return value.StartsWith('-') || value.EndsWith('-') || value.Contains("--", StringComparison.Ordinal)
            ? $"'{value}' must not start or end with '-' or hold '--'"
            : null;
    }

    /// <summary>Environment variable names: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static string? CheckEnvName(string value) =>
        value.Length > 0 && (char.IsAsciiLetter(value[0]) || value[0] == '_') && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? null
            : $"'{value}' is not an environment variable name (letters, digits and '_', not starting with a digit)";

    /// <summary>HTTP header names: RFC 9110 token characters.</summary>
    public static string? CheckHeaderName(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            ? null
            : $"'{value}' is not an HTTP header name";
}

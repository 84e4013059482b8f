using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Bottle.AppHost.Dashboard.Web;

/// <summary>The dashboard's access token: drawn per run, checked in constant time.</summary>
internal static class DashboardToken
{
    private const int MinimumLength = 16;

    /// <summary>32 random bytes, base64url without padding (43 characters).</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Null when <paramref name="token"/> can be used; otherwise what is wrong with it.</summary>
    public static string? Validate(string token) =>
        token.Length < MinimumLength
            ? $"DashboardOptions.Token is {token.Length} characters long; it must have at least {MinimumLength}."
            : token.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_') is var bad && bad != default
                ? $"DashboardOptions.Token contains '{bad}'; only A-Z, a-z, 0-9, '-' and '_' are allowed (it goes into a URL and a cookie)."
                : null;

    /// <summary>True when <paramref name="candidate"/> equals <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(string? candidate, string expected)
    {
        if (candidate is null)
        {
            return false;
        }

        // FixedTimeEquals leaks only whether the lengths differ, and every valid token has the same length.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(expected));
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Egress;

/// <summary>The <c>bottle-cred-&lt;uuid&gt;</c> stand-ins the agent holds instead of real credentials.</summary>
public static partial class CredentialPlaceholder
{
    /// <summary>The fixed prefix of every placeholder.</summary>
    public const string Prefix = "bottle-cred-";

    /// <summary>Makes a fresh placeholder.</summary>
    public static string Create() => Prefix + Guid.NewGuid().ToString("D");

    /// <summary>True when <paramref name="text"/> is exactly one well-formed placeholder.</summary>
    public static bool IsPlaceholder(string text) => ExactPattern().IsMatch(text);

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

    [GeneratedRegex("^bottle-cred-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExactPattern();
}

using System.Text;

namespace Bottle.Sidecars.Audit;

/// <summary>Makes request targets safe to log: query values are removed, names kept (<c>/x?token=&amp;page=</c>).</summary>
public static class AuditRedaction
{
    /// <summary>What audit lines show instead of a path whose request DLP blocked (the path may hold the secret).</summary>
    public const string Withheld = "[withheld]";

    /// <summary>Returns <paramref name="pathAndQuery"/> with every query value removed.</summary>
    public static string RedactQuery(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return pathAndQuery;
        }

        var sb = new StringBuilder(pathAndQuery.Length);
        sb.Append(pathAndQuery, 0, q + 1);
        var first = true;
        foreach (var pair in pathAndQuery[(q + 1)..].Split('&'))
        {
            if (!first)
            {
                sb.Append('&');
            }

            first = false;
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            sb.Append(eq < 0 ? pair : pair[..(eq + 1)]);
        }

        return sb.ToString();
    }
}

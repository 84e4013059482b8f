using System.Text.RegularExpressions;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    private List<DlpPattern> ReadDlpPatterns(ManifestFields dlp)
    {
        var patterns = new List<DlpPattern>();
        var ids = new List<(string, Yaml.YamlTreeNode, string)>();
        foreach (var (node, path) in List(dlp, "patterns") ?? [])
        {
            if (Fields(node, path, "id", "description", "regex", "keywords", "entropy", "secretGroup") is not { } fields)
            {
                continue;
            }

            var id = String(fields, "id", required: true);
            if (id is not null)
            {
                ids.Add((id, fields["id"]!, fields.Child("id")));
                if (ManifestNames.CheckIdentifier(id) is { } idError)
                {
                    Error(fields["id"]!, fields.Child("id"), idError);
                }
            }

            var regex = String(fields, "regex", required: true);
            var groups = regex is null ? null : CompileRegex(regex, fields);
            var secretGroup = Int(fields, "secretGroup", 0, 99) ?? 0;
            if (groups is not null && !groups.Contains(secretGroup))
            {
                Error(fields["secretGroup"]!, fields.Child("secretGroup"), $"the regex has no group {secretGroup} (groups: {string.Join(", ", groups)})");
            }

            var keywords = (Strings(fields, "keywords") ?? []).Select(k => k.Value).ToList();
            var entropy = Number(fields, "entropy", 0, 8);
            if (id is not null && regex is not null)
            {
                patterns.Add(new DlpPattern(id, String(fields, "description"), regex, keywords, entropy, secretGroup));
            }
        }

        RejectDuplicates(ids, "pattern id", StringComparer.Ordinal);
        return patterns;
    }

    /// <summary>Compiles as the sidecars will (non-backtracking, so no pattern can stall a scan); returns the group numbers.</summary>
    private int[]? CompileRegex(string regex, ManifestFields fields)
    {
        try
        {
            return new Regex(regex, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant).GetGroupNumbers();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            Error(fields["regex"]!, fields.Child("regex"), $"the regex does not compile with RegexOptions.NonBacktracking: {e.Message}");
            return null;
        }
    }
}

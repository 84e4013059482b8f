using Bottle.Sidecars.Configuration;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// All rule keywords behind one <see cref="KeywordFilter"/> pass, plus, per first two characters (lower-cased),
/// which keywords start with them (checked exactly, case-insensitive) and which rules each one gates. Two
/// characters, not one, because most filter candidates in ordinary code share only a first letter with keywords.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly Entry[][] _byFirstTwo = new Entry[128 * 128][];

    public KeywordIndex(IReadOnlyList<DlpRule> rules, bool includePlaceholders)
    {
        var map = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var keywordless = new List<int>();
        for (var r = 0; r < rules.Count; r++)
        {
            if (rules[r].Keywords.Count == 0)
            {
                keywordless.Add(r);
                continue;
            }

            foreach (var keyword in rules[r].Keywords)
            {
                if (!map.TryGetValue(keyword, out var list))
                {
                    map[keyword] = list = [];
                }

                if (!list.Contains(r))
                {
                    list.Add(r);
                }
            }
        }

        if (includePlaceholders)
        {
            map.TryAdd(CredentialPlaceholder.Prefix, []);
        }

        var buckets = new List<Entry>[128 * 128];
        foreach (var (keyword, list) in map)
        {
            var entry = new Entry(keyword, [.. list], keyword.Equals(CredentialPlaceholder.Prefix, StringComparison.OrdinalIgnoreCase));
            (buckets[Key(keyword[0], keyword[1])] ??= []).Add(entry);
        }

        for (var k = 0; k < buckets.Length; k++)
        {
            _byFirstTwo[k] = buckets[k] is null ? [] : [.. buckets[k]];
        }

        Filter = new KeywordFilter(map.Keys);
        IsEmpty = map.Count == 0;
        KeywordlessRules = [.. keywordless];
    }

    /// <summary>The pre-filter that finds positions where a keyword may start.</summary>
    public KeywordFilter Filter { get; }

    /// <summary>True when no rule has keywords and placeholders are not tracked.</summary>
    public bool IsEmpty { get; }

    /// <summary>Rules that have no keywords and so run over all text.</summary>
    public int[] KeywordlessRules { get; }

    /// <summary>The keywords that may start at <paramref name="i"/>: those whose first two characters are there (case-insensitive).</summary>
    public Entry[] StartingAt(ReadOnlySpan<char> text, int i) =>
        i + 1 < text.Length && text[i] < 128 && text[i + 1] < 128 ? _byFirstTwo[Key(text[i], text[i + 1])] : [];

    // Keywords are ASCII and at least KeywordFilter.MinKeywordLength long, so both characters exist and are below 128.
    private static int Key(char first, char second) => (char.ToLowerInvariant(first) << 7) | char.ToLowerInvariant(second);

    /// <summary>One keyword, the indexes of the rules it gates, and whether it is the placeholder prefix.</summary>
    internal sealed record Entry(string Keyword, int[] Rules, bool IsPlaceholder);
}

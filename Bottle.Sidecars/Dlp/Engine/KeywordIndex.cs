using System.Buffers;
using Bottle.Sidecars.Configuration;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// All rule keywords in one <see cref="SearchValues{T}"/> (case-insensitive, vectorised multi-string search),
/// plus, per first character, which keywords start there and which rules each one gates.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly Entry[][] _byFirstChar = new Entry[128][];

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

        var buckets = new List<Entry>[128];
        foreach (var (keyword, list) in map)
        {
            var first = char.ToLowerInvariant(keyword[0]);
            var entry = new Entry(keyword, [.. list], keyword.Equals(CredentialPlaceholder.Prefix, StringComparison.OrdinalIgnoreCase));
            (buckets[first] ??= []).Add(entry);
        }

        for (var c = 0; c < 128; c++)
        {
            _byFirstChar[c] = buckets[c] is null ? [] : [.. buckets[c]];
        }

        Values = SearchValues.Create([.. map.Keys], StringComparison.OrdinalIgnoreCase);
        IsEmpty = map.Count == 0;
        KeywordlessRules = [.. keywordless];
    }

    /// <summary>Every keyword, for <c>IndexOfAny</c>.</summary>
    public SearchValues<string> Values { get; }

    /// <summary>True when no rule has keywords and placeholders are not tracked.</summary>
    public bool IsEmpty { get; }

    /// <summary>Rules that have no keywords and so run over all text.</summary>
    public int[] KeywordlessRules { get; }

    /// <summary>The keywords that start with <paramref name="c"/> (case-insensitive).</summary>
    public Entry[] StartingWith(char c) => c < 128 ? _byFirstChar[char.ToLowerInvariant(c)] : [];

    /// <summary>One keyword, the indexes of the rules it gates, and whether it is the placeholder prefix.</summary>
    internal sealed record Entry(string Keyword, int[] Rules, bool IsPlaceholder);
}

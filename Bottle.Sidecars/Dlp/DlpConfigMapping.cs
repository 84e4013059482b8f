using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp.Rules;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Dlp;

/// <summary>Turns the config contract's <see cref="DlpSettings"/> (and placeholder bindings) into <see cref="DlpOptions"/>.</summary>
public static class DlpConfigMapping
{
    /// <summary>
    /// The built-in rules plus the user's patterns, the cap, the exempt hosts and the placeholder bindings.
    /// Throws <see cref="SidecarConfigException"/> naming the pattern (<c>dlp.patterns[2]</c>) that cannot be used.
    /// </summary>
    public static DlpOptions ToOptions(DlpSettings settings, IReadOnlyList<PlaceholderBinding> placeholders)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(placeholders);
        var rules = new List<DlpRule>(DlpDefaultRules.All);
        for (var i = 0; i < settings.Patterns.Count; i++)
        {
            var p = settings.Patterns[i];
            if (!DlpRule.TryCreateUserRule(p.Id, p.Regex, p.Keywords, p.Entropy ?? 0, p.SecretGroup, out var rule, out var error))
            {
                throw new SidecarConfigException($"dlp.patterns[{i}]: {error}");
            }

            rules.Add(p.Description is null ? rule : rule with { Description = p.Description });
        }

        var options = new DlpOptions
        {
            Rules = rules,
            Mode = settings.Mode,
            MaxBodyBytes = settings.MaxBodyBytes,
            OverCapExemptHosts = settings.ExemptHosts,
            PlaceholderBindings = placeholders
                .GroupBy(b => b.Placeholder.ToLowerInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<HostPattern>)[.. g.SelectMany(b => b.Hosts)], StringComparer.Ordinal),
        };
        var invalid = options.Validate();
        return invalid is null ? options : throw new SidecarConfigException(invalid);
    }
}

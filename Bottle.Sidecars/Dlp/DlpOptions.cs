using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp.Engine;
using Bottle.Sidecars.Dlp.Rules;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Dlp;

/// <summary>
/// Configuration of a <see cref="DlpScanner"/>. Immutable: a policy reload builds a new scanner from new options.
/// </summary>
public sealed record DlpOptions
{
    /// <summary>The rules to run; defaults to <see cref="DlpDefaultRules.All"/>. Append user rules to that list.</summary>
    public IReadOnlyList<DlpRule> Rules { get; init; } = DlpDefaultRules.All;

    /// <summary>What callers do with findings (the scanner itself only reports).</summary>
    public DlpMode Mode { get; init; } = DlpMode.Block;

    /// <summary>
    /// Credential placeholders (<c>bottle-cred-&lt;uuid&gt;</c>) and the hosts each may be sent to. A bound
    /// placeholder found in traffic to any other host (or in text with no destination) is a finding.
    /// Placeholders not listed here carry no credential and are ignored.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HostPattern>> PlaceholderBindings { get; init; } =
        new Dictionary<string, IReadOnlyList<HostPattern>>();

    /// <summary>The largest body scanned, in bytes after decompression. Larger bodies are <see cref="DlpScanResult.OverCap"/>.</summary>
    public long MaxBodyBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Hosts to which a body over the cap may go, scanned only up to the cap.</summary>
    public IReadOnlyList<HostPattern> OverCapExemptHosts { get; init; } = [];

    /// <summary>How many layers of encoding (percent, base64, hex, content-encoding) are peeled before scanning.</summary>
    public int MaxDecodeDepth { get; init; } = 3;

    /// <summary>The body scan window, in bytes; the scanner holds at most this plus the overlap per body.</summary>
    public int WindowBytes { get; init; } = 64 * 1024;

    /// <summary>Checks the options; returns a message naming the bad setting, or null when valid.</summary>
    public string? Validate()
    {
        if (Rules is null)
        {
            return "dlp: rules are missing";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (rule is null)
            {
                return "dlp: the rule list holds a null rule";
            }

            if (!ids.Add(rule.Id))
            {
                return $"dlp: rule id '{rule.Id}' is used twice";
            }
        }

        if (MaxBodyBytes <= 0)
        {
            return $"dlp: max body bytes must be positive, not {MaxBodyBytes}";
        }

        if (MaxDecodeDepth is < 0 or > 8)
        {
            return $"dlp: max decode depth must be 0 to 8, not {MaxDecodeDepth}";
        }

        if (WindowBytes is < 4096 or > 16 * 1024 * 1024)
        {
            return $"dlp: window bytes must be 4096 to 16 MiB, not {WindowBytes}";
        }

        foreach (var (placeholder, hosts) in PlaceholderBindings)
        {
            if (!CredentialPlaceholder.IsPlaceholder(placeholder))
            {
                return $"dlp: '{placeholder}' is not a credential placeholder (expected bottle-cred-<uuid>)";
            }

            if (hosts is null || hosts.Count == 0)
            {
                return $"dlp: placeholder '{placeholder}' has no hosts it may be sent to";
            }
        }

        return null;
    }
}

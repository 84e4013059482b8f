using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>DLP settings shared by pipelock (HTTP bodies, URLs, headers) and git-gate (pushed commits).</summary>
/// <param name="Mode">What to do with a finding.</param>
/// <param name="MaxBodyBytes">Request bodies larger than this are refused (they cannot be scanned in full).</param>
/// <param name="ExemptHosts">Hosts whose request bodies skip DLP and the size cap.</param>
/// <param name="InlineIgnore">Whether git-gate honours <c>bottle:ignore</c> comments on a line.</param>
/// <param name="Patterns">Extra rules on top of the built-in ones.</param>
public sealed record DlpSettings(
    DlpMode Mode,
    long MaxBodyBytes,
    IReadOnlyList<HostPattern> ExemptHosts,
    bool InlineIgnore,
    IReadOnlyList<DlpPattern> Patterns)
{
    /// <summary>The body cap when the manifest names none: 10 MiB.</summary>
    public const long DefaultMaxBodyBytes = 10L * 1024 * 1024;

    /// <summary>Block mode, the default cap, no exemptions, no inline ignores, no extra patterns.</summary>
    public static DlpSettings Default { get; } = new(DlpMode.Block, DefaultMaxBodyBytes, [], false, []);
}

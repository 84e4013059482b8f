using Bottle.Sidecars.Configuration;
namespace Bottle.Sidecars.Dlp;

/// <summary>
/// The outcome of one DLP scan: the findings, and whether a body was over the size cap.
/// </summary>
/// <param name="Findings">The findings, at most one per rule and secret (deduplicated by fingerprint).</param>
/// <param name="OverCap">
/// True when a body was larger than <see cref="DlpOptions.MaxBodyBytes"/> (after decompression) and the destination
/// is not exempt: the part beyond the cap was not scanned, so the caller must block (fail closed).
/// </param>
/// <param name="Truncated">True when a body to an exempt host was larger than the cap and scanned only up to it.</param>
public sealed record DlpScanResult(IReadOnlyList<DlpFinding> Findings, bool OverCap = false, bool Truncated = false)
{
    /// <summary>A scan that found nothing (shared, so clean scans allocate no result).</summary>
    public static DlpScanResult Clean { get; } = new([]);

    /// <summary>True when nothing was found and the body was within the cap.</summary>
    public bool IsClean => Findings.Count == 0 && !OverCap;

    /// <summary>True when, under <paramref name="mode"/>, the caller must deny the request.</summary>
    public bool ShouldBlock(DlpMode mode) => mode == DlpMode.Block && !IsClean;
}

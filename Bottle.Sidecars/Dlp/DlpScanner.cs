using System.Buffers;
using Bottle.Sidecars.Dlp.Decoding;
using Bottle.Sidecars.Dlp.Engine;
using Microsoft.Extensions.Primitives;

namespace Bottle.Sidecars.Dlp;

/// <summary>
/// Bottle's DLP engine: finds secrets (and credential placeholders headed to the wrong host) in request URLs,
/// headers and bodies for pipelock, and in pushed diff lines for git-gate. Immutable and thread-safe: build one
/// per policy version and share it; a reload builds a new one.
/// </summary>
public sealed class DlpScanner
{
    private readonly ScanEngine _engine;

    /// <summary>Builds a scanner; throws <see cref="ArgumentException"/> naming the bad setting when the options are invalid.</summary>
    public DlpScanner(DlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var error = options.Validate();
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(options));
        }

        Options = options;
        _engine = new ScanEngine(options);
    }

    /// <summary>The options this scanner was built from.</summary>
    public DlpOptions Options { get; }

    /// <summary>The number of rules (for <c>/health</c>).</summary>
    public int RuleCount => Options.Rules.Count;

    /// <summary>Scans a request URL (path and query, or absolute form), raw and percent-decoded.</summary>
    public DlpScanResult ScanUrl(string url, string? destinationHost)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sink = new FindingSink();
        _engine.Scan(url, new ScanFrame(DlpLocation.Url, null, destinationHost, 0, 0, 0), sink, null);
        return sink.ToResult();
    }

    /// <summary>
    /// Scans request headers. Each is scanned as <c>Name: value</c>, so rules keyed on the name
    /// (<c>X-Api-Key: ...</c>) see it; findings carry the header name.
    /// </summary>
    public DlpScanResult ScanHeaders(IEnumerable<KeyValuePair<string, StringValues>> headers, string? destinationHost)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var sink = new FindingSink();
        char[]? buffer = null;
        try
        {
            foreach (var (name, values) in headers)
            {
                foreach (var value in values)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    var length = name.Length + 2 + value.Length;
                    if (buffer is null || buffer.Length < length)
                    {
                        if (buffer is not null)
                        {
                            ArrayPool<char>.Shared.Return(buffer, clearArray: true);
                        }

                        buffer = ArrayPool<char>.Shared.Rent(Math.Max(length, 1024));
                    }

                    name.CopyTo(buffer);
                    buffer[name.Length] = ':';
                    buffer[name.Length + 1] = ' ';
                    value.CopyTo(buffer.AsSpan(name.Length + 2));
                    _engine.Scan(buffer.AsSpan(0, length), new ScanFrame(DlpLocation.Header, name, destinationHost, 0, 0, 0), sink, null);
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<char>.Shared.Return(buffer, clearArray: true);
            }
        }

        return sink.ToResult();
    }

    /// <summary>
    /// Scans plain text, e.g. the added lines of one file in a pushed commit (join them with '\n' so multi-line
    /// secrets such as private keys are seen whole). Findings carry <paramref name="name"/> and a 1-based line.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="name">A label for findings, e.g. the file path.</param>
    /// <param name="destinationHost">Where the text is going (for placeholder checks); null when nowhere in particular.</param>
    public DlpScanResult ScanText(ReadOnlySpan<char> text, string? name, string? destinationHost)
    {
        var sink = new FindingSink();
        _engine.Scan(text, new ScanFrame(DlpLocation.Text, name, destinationHost, 0, 0, 0), sink, null);
        if (sink.Count == 0)
        {
            return DlpScanResult.Clean;
        }

        // Lines are counted once through the text, in offset order, not from the start for every finding.
        var byOffset = sink.Findings.Select((finding, index) => (Finding: finding, Index: index)).OrderBy(f => f.Finding.Offset).ToList();
        var findings = new DlpFinding[byOffset.Count];
        int counted = 0, line = 1;
        foreach (var (finding, index) in byOffset)
        {
            var upTo = (int)Math.Min(finding.Offset, text.Length);
            line += text[counted..upTo].Count('\n');
            counted = upTo;
            findings[index] = finding with { Line = line };
        }

        return new DlpScanResult(findings);
    }

    /// <summary>
    /// Scans a whole body read from <paramref name="body"/>, undoing <paramref name="contentEncoding"/> first;
    /// reading stops at the cap. Memory stays bounded by the scan window whatever the body size.
    /// </summary>
    public async Task<DlpScanResult> ScanBodyAsync(Stream body, string? contentEncoding, string? destinationHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var decoded = ContentDecoding.Wrap(body, contentEncoding, Options.MaxDecodeDepth, out var error, out var chain);
        using var window = new BodyWindow(_engine, Options, destinationHost, chain);
        if (decoded is null)
        {
            window.AddBodyFinding("unsupported-content-encoding", error!);
            return window.Finish();
        }

        try
        {
            await DlpBodyScanner.DrainAsync(decoded, window, cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(decoded, body))
            {
                await decoded.DisposeAsync();
            }
        }

        return window.Finish();
    }

    /// <summary>Starts a streaming scan of one body; see <see cref="DlpBodyScanner"/>.</summary>
    public DlpBodyScanner CreateBodyScanner(string? contentEncoding, string? destinationHost) =>
        new(_engine, Options, contentEncoding, destinationHost);
}

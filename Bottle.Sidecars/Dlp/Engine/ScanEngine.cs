using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp.Decoding;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// The scanning core shared by every entry point. For a span of text it
/// (1) finds keyword occurrences with one pre-filter pass (<see cref="KeywordFilter"/>) and runs each gated rule
///     only in a window around them (adjacent windows merged, so no text is matched twice by one rule);
/// (2) checks credential placeholders against their bindings;
/// (3) runs keyword-less rules over the whole text;
/// (4) while the depth allows, peels percent-encoding and base64/hex runs and scans what they reveal.
/// Matching uses <c>EnumerateMatches</c> (no allocation); the allocating group path runs only once a rule matched.
/// </summary>
internal sealed class ScanEngine
{
    private readonly DlpRule[] _rules;
    private readonly KeywordIndex _index;
    private readonly Dictionary<string, IReadOnlyList<HostPattern>>.AlternateLookup<ReadOnlySpan<char>> _bindings;
    private readonly int _maxDepth;

    public ScanEngine(DlpOptions options)
    {
        _rules = [.. options.Rules];
        var bindings = new Dictionary<string, IReadOnlyList<HostPattern>>(options.PlaceholderBindings, StringComparer.OrdinalIgnoreCase);
        _bindings = bindings.GetAlternateLookup<ReadOnlySpan<char>>();
        _index = new KeywordIndex(_rules, includePlaceholders: bindings.Count > 0);
        _maxDepth = options.MaxDecodeDepth;
        var longest = 0;
        foreach (var rule in _rules)
        {
            longest = Math.Max(longest, rule.MaxMatchLength);
        }

        // A match up to the longest rule length, plus the look-behind before its keyword, fits in the overlap.
        Overlap = longest + DlpRule.LookBehind + CredentialPlaceholder.Length;
    }

    /// <summary>Characters kept from the end of one body window at the start of the next.</summary>
    public int Overlap { get; }

    public void Scan(ReadOnlySpan<char> text, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        if (text.IsEmpty)
        {
            return;
        }

        ScanKeywordRules(text, frame, sink, outerEncoding);
        foreach (var r in _index.KeywordlessRules)
        {
            RunRule(_rules[r], text, 0, frame, sink, outerEncoding);
        }

        if (frame.Depth < _maxDepth)
        {
            ScanDecodedLayers(text, frame, sink, outerEncoding);
        }
    }

    private void ScanKeywordRules(ReadOnlySpan<char> text, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        if (_index.IsEmpty)
        {
            return;
        }

        var first = _index.Filter.IndexOfCandidate(text, 0);
        if (first < 0)
        {
            return;
        }

        // Pending window per rule: [start, end), merged while keyword hits keep overlapping it.
        var rented = ArrayPool<int>.Shared.Rent(_rules.Length * 2);
        var starts = rented.AsSpan(0, _rules.Length);
        var ends = rented.AsSpan(_rules.Length, _rules.Length);
        ends.Fill(-1);
        try
        {
            for (var i = first; i >= 0 && i < text.Length;)
            {
                foreach (var entry in _index.StartingAt(text, i))
                {
                    if (!text[i..].StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (entry.IsPlaceholder)
                    {
                        CheckPlaceholder(text, i, frame, sink, outerEncoding);
                        continue;
                    }

                    foreach (var r in entry.Rules)
                    {
                        if (_rules[r].SeparatorWithin > 0 && !SeparatorFollows(text, i + entry.Keyword.Length, _rules[r].SeparatorWithin))
                        {
                            // Every match of such a rule starts at a keyword with a separator this close; this one has none.
                            continue;
                        }

                        var start = Math.Max(0, i - DlpRule.LookBehind);
                        var end = (int)Math.Min(text.Length, (long)i + entry.Keyword.Length + _rules[r].MaxMatchLength);
                        if (ends[r] >= 0 && start <= ends[r])
                        {
                            ends[r] = Math.Max(ends[r], end);
                            continue;
                        }

                        if (ends[r] >= 0)
                        {
                            RunRule(_rules[r], text[starts[r]..ends[r]], starts[r], frame, sink, outerEncoding);
                        }

                        starts[r] = start;
                        ends[r] = end;
                    }
                }

                i = _index.Filter.IndexOfCandidate(text, i + 1);
            }

            for (var r = 0; r < _rules.Length; r++)
            {
                if (ends[r] >= 0)
                {
                    RunRule(_rules[r], text[starts[r]..ends[r]], starts[r], frame, sink, outerEncoding);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static bool SeparatorFollows(ReadOnlySpan<char> text, int from, int within) =>
        text.Slice(from, Math.Min(within, text.Length - from)).IndexOfAny('=', ':') >= 0;

    private static void RunRule(DlpRule rule, ReadOnlySpan<char> window, int windowOffset, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        var any = false;
        foreach (var _ in rule.Regex.EnumerateMatches(window))
        {
            any = true;
            break;
        }

        if (!any)
        {
            return;
        }

        // Slow path, only after a match: capture groups need a string.
        var text = window.ToString();
        for (var match = rule.Regex.Match(text); match.Success; match = match.NextMatch())
        {
            var secret = SecretOf(rule, match);
            if (secret.Length == 0 || IsFalsePositive(rule, secret.ValueSpan))
            {
                continue;
            }

            var offset = frame.Depth == 0 ? frame.Offset + windowOffset + secret.Index : frame.Offset;
            Report(rule.Id, rule.Description, rule.Severity, secret.ValueSpan, offset, frame, sink, outerEncoding);
        }
    }

    private static Group SecretOf(DlpRule rule, Match match)
    {
        if (rule.SecretGroup > 0)
        {
            return match.Groups[rule.SecretGroup];
        }

        for (var g = 1; g < match.Groups.Count; g++)
        {
            if (match.Groups[g].Success && match.Groups[g].Length > 0)
            {
                return match.Groups[g];
            }
        }

        return match;
    }

    private static bool IsFalsePositive(DlpRule rule, ReadOnlySpan<char> secret)
    {
        if (rule.MinEntropy > 0 && ShannonEntropy.Of(secret) < rule.MinEntropy)
        {
            return true;
        }

        if (GlobalAllowlist.Matches(secret))
        {
            return true;
        }

        foreach (var stopWord in rule.StopWords)
        {
            if (secret.Contains(stopWord, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var allow in rule.AllowRegexes)
        {
            if (allow.IsMatch(secret))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckPlaceholder(ReadOnlySpan<char> text, int index, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        if (index + CredentialPlaceholder.Length > text.Length)
        {
            return;
        }

        var candidate = text.Slice(index, CredentialPlaceholder.Length);
        if (!CredentialPlaceholder.IsPlaceholder(candidate) || !_bindings.TryGetValue(candidate, out var hosts))
        {
            // Not a placeholder of this bottle: it stands for no credential, so it leaks nothing.
            return;
        }

        if (frame.Host is not null)
        {
            foreach (var host in hosts)
            {
                if (host.Matches(frame.Host))
                {
                    return;
                }
            }
        }

        var offset = frame.Depth == 0 ? frame.Offset + index : frame.Offset;
        Report(
            "credential-placeholder",
            "A credential placeholder headed to a host that is not one of its own",
            DlpSeverity.High,
            candidate,
            offset,
            frame,
            sink,
            outerEncoding);
    }

    private static void Report(string ruleId, string description, DlpSeverity severity, ReadOnlySpan<char> secret, long offset, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        var (redacted, fingerprint) = SecretRedactor.Redact(secret);
        sink.Add(new DlpFinding(ruleId, description, severity, frame.Location, frame.Name, offset, redacted, fingerprint, frame.DescribeLayers(outerEncoding)));
    }

    private void ScanDecodedLayers(ReadOnlySpan<char> text, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        for (var from = 0; PercentDecoder.TryFindToken(text, from, out var start, out var end); from = end)
        {
            var token = text[start..end];
            var buffer = ArrayPool<char>.Shared.Rent(token.Length);
            try
            {
                var length = PercentDecoder.Decode(token, buffer);
                var offset = frame.Depth == 0 ? frame.Offset + start : frame.Offset;
                Scan(buffer.AsSpan(0, length), frame.Enter(ScanFrame.Percent, offset), sink, outerEncoding);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer, clearArray: true);
            }
        }

        var position = 0;
        while (EncodedRunFinder.TryFindNext(text, ref position, out var run))
        {
            ScanRun(text.Slice(run.Start, run.Length), run, frame, sink, outerEncoding);
        }
    }

    private void ScanRun(ReadOnlySpan<char> runText, EncodedRun run, in ScanFrame frame, FindingSink sink, string? outerEncoding)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(EncodedRunDecoder.MaxDecodedLength(run));
        char[]? chars = null;
        try
        {
            var length = EncodedRunDecoder.Decode(runText, run.IsHex, bytes);
            if (length < EncodedRunDecoder.MinDecodedBytes)
            {
                return;
            }

            // Latin-1 maps each byte to one char: ASCII secrets survive, and no byte sequence is invalid.
            chars = ArrayPool<char>.Shared.Rent(length);
            var count = Encoding.Latin1.GetChars(bytes.AsSpan(0, length), chars);
            var offset = frame.Depth == 0 ? frame.Offset + run.Start : frame.Offset;
            Scan(chars.AsSpan(0, count), frame.Enter(run.IsHex ? ScanFrame.Hex : ScanFrame.Base64, offset), sink, outerEncoding);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes, clearArray: true);
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars, clearArray: true);
            }
        }
    }
}

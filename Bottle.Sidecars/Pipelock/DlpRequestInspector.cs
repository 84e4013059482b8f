using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Proxy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// pipelock's DLP: runs the <see cref="DlpScanner"/> over every request's URL, headers and body (undoing
/// Content-Encoding) and denies what it finds in <c>block</c> mode; <c>warn</c> and <c>audit</c> modes let the
/// request through and put the finding ids in its audit line (<c>warn</c> also logs a warning, tells the agent the
/// rule ids in the response's <see cref="ProxyHeaders.DlpWarning"/> header and audits the request as <c>warn</c>). Identity bodies
/// stream: each chunk is scanned before it leaves and only the engine's overlap is held back; encoded bodies are
/// held until the whole body was decoded and scanned. A body over the cap is denied in every mode unless its host
/// is exempt (then its body is not scanned at all: the manifest owner said so). A credential placeholder headed
/// to a host outside its binding is a finding like any secret.
/// </summary>
public sealed partial class DlpRequestInspector(ILogger<DlpRequestInspector> logger) : IConfigurableInspector
{
    /// <summary>The rule id of the deny for a body larger than the cap.</summary>
    public const string BodyOverCapRule = "body-over-cap";

    private State? _state;

    /// <summary>The number of DLP rules in force (for <c>/health</c>).</summary>
    public int RuleCount => Volatile.Read(ref _state)?.Scanner.RuleCount ?? 0;

    /// <inheritdoc />
    public void Apply(PipelockConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = DlpConfigMapping.ToOptions(config.Dlp, config.Placeholders);
        Volatile.Write(ref _state, new State(new DlpScanner(options), config.Dlp));
    }

    /// <inheritdoc />
    public IRequestInspection Begin(InspectionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        // No settings yet means no config was ever applied: refuse rather than let traffic through unscanned.
        var state = Volatile.Read(ref _state) ?? throw new InvalidOperationException("the DLP inspector has no config applied");
        return new Inspection(state, target, logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DLP warn: request {RequestId} to {Host} carries {Finding}; let through (dlp.mode warn)")]
    private static partial void LogWarned(ILogger logger, string requestId, string host, string finding);

    private sealed record State(DlpScanner Scanner, DlpSettings Settings);

    private sealed class Inspection(State state, InspectionTarget target, ILogger logger) : IRequestInspection
    {
        private readonly List<string> _passed = [];
        private readonly List<string> _warned = [];
        private DlpBodyScanner? _body;
        private bool _identityBodyDeferred;
        private long _rawBytes;

        public int BodyOverlapBytes => Body is not { } body ? 0 : body.IsEncoded ? int.MaxValue : body.OverlapBytes;

        public IReadOnlyList<string> PassedFindingIds => _passed;

        public IReadOnlyList<string> WarnedRuleIds => _warned;

        public InspectionVerdict InspectHead()
        {
            var url = state.Scanner.ScanUrl(target.PathAndQuery, target.Host);
            var headers = state.Scanner.ScanHeaders(target.Headers.Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value)), target.Host);
            var verdict = Judge(url.Findings.Concat(headers.Findings).ToList(), overCap: false);
            if (verdict.Allowed && !state.Settings.ExemptHosts.Any(h => h.Matches(target.Host)))
            {
                var encoding = string.Join(", ", target.Headers.Where(h => h.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
                if (encoding.Length == 0)
                {
                    // An identity body's scanner (a pooled window) is only made when body bytes come: most requests
                    // (a GET) have none, and an empty body has nothing to find.
                    _identityBodyDeferred = true;
                }
                else
                {
                    // Made now: an unsupported encoding is a finding even for an empty body (fail closed).
                    _body = state.Scanner.CreateBodyScanner(encoding, target.Host);
                }
            }

            return verdict;
        }

        private DlpBodyScanner? Body
        {
            get
            {
                if (_body is null && _identityBodyDeferred)
                {
                    _identityBodyDeferred = false;
                    _body = state.Scanner.CreateBodyScanner(null, target.Host);
                }

                return _body;
            }
        }

        public async ValueTask<InspectionVerdict> InspectBodyAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
        {
            if (Body is not { } body)
            {
                return InspectionVerdict.Allow;
            }

            _rawBytes += chunk.Length;
            if (body.IsEncoded && _rawBytes > state.Settings.MaxBodyBytes)
            {
                // An encoded body is held whole until scanned: its size on the wire is capped too, so holding it is bounded.
                return Judge([], overCap: true);
            }

            await body.AppendAsync(chunk, cancellationToken);
            var soFar = body.ScanAppended();
            return Judge(soFar.Findings, soFar.OverCap);
        }

        public async ValueTask<InspectionVerdict> CompleteBodyAsync(CancellationToken cancellationToken)
        {
            if (_body is null)
            {
                return InspectionVerdict.Allow;
            }

            var result = await _body.CompleteAsync(cancellationToken);
            return Judge(result.Findings, result.OverCap);
        }

        public ValueTask DisposeAsync() => _body?.DisposeAsync() ?? ValueTask.CompletedTask;

        private InspectionVerdict Judge(IReadOnlyList<DlpFinding> findings, bool overCap)
        {
            if (overCap)
            {
                return InspectionVerdict.Deny(
                    $"the request body is larger than the DLP cap of {state.Settings.MaxBodyBytes} bytes, so it cannot be scanned whole; " +
                    "send less, or exempt the host in the manifest (dlp.exemptHosts)",
                    BodyOverCapRule);
            }

            var fresh = findings.Where(f => !_passed.Contains(Id(f))).ToList();
            if (fresh.Count == 0)
            {
                return InspectionVerdict.Allow;
            }

            if (state.Settings.Mode == DlpMode.Block)
            {
                return InspectionVerdict.Deny(string.Join("; ", fresh.Select(Describe)), fresh[0].RuleId, [.. fresh.Select(Id)]);
            }

            foreach (var finding in fresh)
            {
                _passed.Add(Id(finding));
                if (state.Settings.Mode == DlpMode.Warn)
                {
                    LogWarned(logger, target.RequestId, target.Host, Describe(finding));
                    if (!_warned.Contains(finding.RuleId))
                    {
                        _warned.Add(finding.RuleId);
                    }
                }
            }

            return InspectionVerdict.Allow;
        }

        private static string Id(DlpFinding finding) => $"{finding.RuleId}:{finding.Fingerprint}";

        // The redacted form (a short prefix and a fingerprint) is all a deny or a log line ever shows of a secret.
        private static string Describe(DlpFinding f) =>
            $"{f.Description} in the {f.Location.ToString().ToLowerInvariant()}{(f.Name is null ? "" : $" '{f.Name}'")}: {f.Redacted}" +
            (f.Encoding is null ? "" : $" (inside {f.Encoding})");
    }
}

using System.Net;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Proxy;
using Bottle.Sidecars.Tls;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Pipelock;

/// <summary>
/// One pipelock instance: loads the bottle CA and the policy (refusing to start without both: fail closed),
/// listens on a plain accept loop and hands every connection to the proxy, reloads the policy on demand (keeping the old
/// one when the new file is bad) and reports its <see cref="PipelockStatus"/>.
/// </summary>
public sealed partial class PipelockServer : IAsyncDisposable
{
    private readonly PipelockOptions _options;
    private readonly IUpstreamConnector _upstream;
    private readonly IRequestInspector _inspector;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<PipelockServer> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly PolicyStore _policy = new();
    private readonly ProxyMetrics _metrics = new();
    private readonly Lock _reloadGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private CertificateAuthority? _authority;
    private LeafCertificateCache? _leaves;
    private AuditWriter? _audit;
    private TcpAcceptLoop? _listener;
    private string? _lastReloadError;

    /// <summary>Creates a server; nothing happens until <see cref="StartAsync"/>.</summary>
    public PipelockServer(PipelockOptions options, IUpstreamConnector upstream, IRequestInspector inspector, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _options = options;
        _upstream = upstream;
        _inspector = inspector;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<PipelockServer>();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The endpoint the proxy listens on (the real port when 0 was asked for). Valid after start.</summary>
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>The policy in force now.</summary>
    public EgressPolicy Policy => _policy.Current;

    /// <summary>Loads CA and policy, then starts listening. Throws (naming the file) if either cannot be loaded.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("pipelock is already started");
        }

        _authority = CertificateAuthority.Load(_options.CaCertificatePath, _options.CaKeyPath);
        var policy = LoadConfig();
        LogPolicyLoaded(_logger, policy.Version, policy.Rules.Count, _options.ConfigPath);

        _leaves = new LeafCertificateCache(_authority, _timeProvider, _options.LeafCacheCapacity);
        _audit = new AuditWriter(_options.AuditPath, _options.AuditToStdout ? Console.OpenStandardOutput() : null, _loggerFactory.CreateLogger<AuditWriter>());
        var services = new ProxyServices(
            _policy, _leaves, _upstream, _inspector, _audit, _metrics, _options.Limits, _timeProvider,
            _loggerFactory.CreateLogger<ProxyConnectionHandler>(), _stopping.Token);

        var connections = new ProxyConnectionHandler(services);
        _listener = TcpAcceptLoop.Start("pipelock", _options.ListenEndPoint, connections.RunAsync, _stopping.Token);
        EndPoint = _listener.LocalEndPoint;
        LogListening(_logger, EndPoint);
    }

    /// <summary>
    /// Reads the config file again and, if it is valid, swaps the policy atomically; otherwise keeps the policy in
    /// force and says why. Safe to call from any thread (a signal handler, an admin endpoint, a file watcher).
    /// </summary>
    public PolicyReloadResult ReloadPolicy()
    {
        lock (_reloadGate)
        {
            try
            {
                var applied = LoadConfig();
                _lastReloadError = null;
                LogPolicyLoaded(_logger, applied.Version, applied.Rules.Count, _options.ConfigPath);
                return new PolicyReloadResult(true, applied.Version, applied.Rules.Count, null);
            }
            catch (SidecarConfigException ex)
            {
                var kept = _policy.Current;
                _lastReloadError = ex.Message;
                LogReloadRejected(_logger, kept.Version, ex.Message);
                return new PolicyReloadResult(false, kept.Version, kept.Rules.Count, ex.Message);
            }
        }
    }

    /// <summary>Reads the config; the inspector takes its part first, so a config either side rejects changes nothing.</summary>
    private EgressPolicy LoadConfig()
    {
        var config = SidecarConfigFile.Load<PipelockConfig>(_options.ConfigPath);
        (_inspector as IConfigurableInspector)?.Apply(config);
        return _policy.Swap(config.Rules);
    }

    /// <summary>A snapshot for <c>/health</c> and <c>/metrics</c>.</summary>
    public PipelockStatus GetStatus()
    {
        var policy = _policy.Current;
        return new PipelockStatus(
            policy.Version, policy.Rules.Count, Volatile.Read(ref _lastReloadError),
            _metrics.Allowed, _metrics.Denied, _metrics.Failed, _metrics.DeniedByReason, _metrics.BytesUp, _metrics.BytesDown,
            _leaves?.MintedCount ?? 0, _audit?.Dropped ?? 0);
    }

    /// <summary>Stops accepting, ends open connections, and flushes the audit log.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_listener is not null)
        {
            await _listener.StopAsync(cancellationToken);
            _listener = null;
        }

        if (_audit is not null)
        {
            await _audit.DisposeAsync();
            _audit = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _leaves?.Dispose();
        _authority?.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy v{Version} in force: {RuleCount} rules from {Path}")]
    private static partial void LogPolicyLoaded(ILogger logger, long version, int ruleCount, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Policy reload rejected, v{Version} stays in force: {Error}")]
    private static partial void LogReloadRejected(ILogger logger, long version, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "pipelock listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);
}

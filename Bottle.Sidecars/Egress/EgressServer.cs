using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Egress.Audit;
using Bottle.Sidecars.Net;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// The egress sidecar: listens on the sidecar network, takes connections only from pipelock and git-gate,
/// re-checks policy, resolves and vets every upstream address itself, opens validated TLS upstream and injects
/// credentials. Construction validates the configuration (and refuses a credentials file others can read);
/// <see cref="StartAsync"/> binds the listener.
/// </summary>
public sealed partial class EgressServer : IAsyncDisposable
{
    private readonly IAuditSink audit;
    private readonly ILogger<EgressServer> logger;
    private readonly CancellationTokenSource stopping = new();
    private EgressGeneration generation;
    private TcpAcceptLoop? listener;
    private long policyVersion = 1;

    /// <summary>Validates <paramref name="options"/> and prepares the first generation; throws with a clear message if they are unusable.</summary>
    public EgressServer(
        EgressOptions options,
        IHostResolver resolver,
        ISocketConnector connector,
        IAuditSink audit,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.audit = audit;
        Time = time;
        logger = loggerFactory.CreateLogger<EgressServer>();
        Dialer = new GuardedDialer(resolver, connector, loggerFactory.CreateLogger<GuardedDialer>());
        generation = EgressGeneration.Build(options, Dialer);
    }

    /// <summary>Request and byte counters for <c>/metrics</c>.</summary>
    public EgressMetrics Metrics { get; } = new();

    /// <summary>The bound address once started (useful when the configured port is 0).</summary>
    public IPEndPoint? LocalEndPoint => listener?.LocalEndPoint;

    /// <summary>The version of the configuration in force: 1 at start, one more with every <see cref="Apply"/>.</summary>
    public long PolicyVersion => Interlocked.Read(ref policyVersion);

    /// <summary>The allow rules in force for pipelock's traffic.</summary>
    public int RuleCount => Volatile.Read(ref generation).PipelockPolicy.Rules.Count;

    /// <summary>The allow rules in force for git-gate's traffic.</summary>
    public int GitGateRuleCount => Volatile.Read(ref generation).GitGatePolicy.Rules.Count;

    /// <summary>Prometheus text of <see cref="Metrics"/> for the admin endpoint's <c>/metrics</c>.</summary>
    public string ToPrometheusText()
    {
        var m = Metrics.Snapshot();
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""
            # TYPE egress_policy_version gauge
            egress_policy_version {{PolicyVersion}}
            # TYPE egress_connections_total counter
            egress_connections_total{outcome="accepted"} {{m.ConnectionsAccepted}}
            egress_connections_total{outcome="refused"} {{m.ConnectionsRefused}}
            # TYPE egress_requests_total counter
            egress_requests_total{decision="allow"} {{m.RequestsAllowed}}
            egress_requests_total{decision="block"} {{m.RequestsBlocked}}
            # TYPE egress_tunnels_total counter
            egress_tunnels_total {{m.TunnelsOpened}}
            # TYPE egress_credentials_injected_total counter
            egress_credentials_injected_total {{m.CredentialsInjected}}
            # TYPE egress_upstream_errors_total counter
            egress_upstream_errors_total {{m.UpstreamErrors}}
            # TYPE egress_bytes_total counter
            egress_bytes_total{direction="out"} {{m.BytesOut}}
            egress_bytes_total{direction="in"} {{m.BytesIn}}

            """);
    }

    /// <summary>True while the listener accepts connections.</summary>
    public bool IsListening => listener is { IsListening: true };

    internal TimeProvider Time { get; }

    internal GuardedDialer Dialer { get; }

    /// <summary>Binds the listener and starts accepting.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            throw new InvalidOperationException("egress is already started");
        }

        listener = TcpAcceptLoop.Start("egress", generation.Options.Listen, socket => HandleAsync(socket, stopping.Token), stopping.Token);
        LogListening(LocalEndPoint!);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Applies a new configuration atomically: it is fully validated first, and a bad one leaves the current
    /// one in force (the exception says what is wrong). The listen address is fixed at start and not changed.
    /// </summary>
    public void Apply(EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var next = EgressGeneration.Build(options with { Listen = generation.Options.Listen }, Dialer);
        var previous = Interlocked.Exchange(ref generation, next);
        previous.Release();
        Interlocked.Increment(ref policyVersion);
        LogApplied(options.Rules.Count, options.Bindings.Count);
    }

    /// <summary>Stops accepting, ends open connections and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (listener is not null)
        {
            await listener.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        generation.Release();
        stopping.Dispose();
    }

    internal EgressGeneration AcquireGeneration()
    {
        while (true)
        {
            var current = Volatile.Read(ref generation);
            if (current.TryAcquire())
            {
                return current;
            }
        }
    }

    /// <summary>A deny event from egress for one request or tunnel, filled in as the exchange goes on.</summary>
    internal AuditEvent NewAuditEvent(IPAddress source, string method, string scheme, string host, int port, string path) =>
        new(Time.GetUtcNow(), Guid.NewGuid().ToString("N"), "egress", method, host, port, path, AuditEvent.Deny, null, null, [], 0, 0, 0)
        {
            Source = source.ToString(),
            Scheme = scheme.Length == 0 ? null : scheme,
        };

    internal void Audit(AuditEvent auditEvent)
    {
        try
        {
            audit.Write(auditEvent);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            LogAuditFailed(ex.Message);
        }
    }

    private async Task HandleAsync(Socket accepted, CancellationToken cancellationToken)
    {
        var remote = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        var role = Volatile.Read(ref generation).RoleOf(remote);
        if (role is null)
        {
            Refuse(accepted, remote);
            return;
        }

        Metrics.ConnectionAccepted();
        await using var connection = new EgressConnection(accepted, remote, role.Value, this, logger);
        await connection.RunAsync(cancellationToken);
    }

    private void Refuse(Socket accepted, IPAddress remote)
    {
        Metrics.ConnectionRefused();
        LogSourceRefused(remote);
        Audit(NewAuditEvent(remote, "", "", "", 0, "") with
        {
            Category = EgressAuditCategories.SourceRefused,
            Reason = $"{remote} is neither pipelock nor git-gate",
        });

        // Close without a word: a stranger learns nothing about what egress is.
        accepted.Close(0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "egress listening on {EndPoint}")]
    private partial void LogListening(IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "egress applied a new configuration: {Rules} rules, {Bindings} credential bindings")]
    private partial void LogApplied(int rules, int bindings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "egress refused a connection from {Source}: not pipelock or git-gate")]
    private partial void LogSourceRefused(IPAddress source);

    [LoggerMessage(Level = LogLevel.Error, Message = "egress could not write an audit line: {Reason}")]
    private partial void LogAuditFailed(string reason);
}

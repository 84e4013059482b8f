using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.AppHost.Testing;

/// <summary>
/// A bottle started by <see cref="BottleTesting"/> (the analog of Aspire's testing <c>DistributedApplication</c>): every
/// sidecar is healthy and the agent runs. Run commands in the agent, read the resource states and logs the dashboard
/// shows, read the sidecars' audit. <see cref="DisposeAsync"/> tears it down and leaves no container or network.
/// </summary>
public sealed class RunningBottle : IAsyncDisposable
{
    private readonly ComposeBottleSession _session;
    private readonly string? _ownedDirectory;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal RunningBottle(BottlePlan plan, ComposeBottleSession session, string stateDirectory, string? ownedDirectory, TimeProvider timeProvider)
    {
        Plan = plan;
        _session = session;
        StateDirectory = stateDirectory;
        _ownedDirectory = ownedDirectory;
        _timeProvider = timeProvider;
    }

    /// <summary>The plan the bottle was launched from (slug, networks and addresses, sidecar configs, agent environment).</summary>
    public BottlePlan Plan { get; }

    /// <summary>The bottle's state directory (<c>audit.jsonl</c>, <c>ca.pem</c>, <c>compose.log</c> after teardown...).</summary>
    public string StateDirectory { get; }

    /// <summary>The agent's container name (for <c>docker</c> calls of a test's own).</summary>
    public string AgentContainer => ComposeServiceNames.ContainerName(Plan.ComposeProject, ComposeServiceNames.Agent);

    /// <summary>The application's services (as <c>app.Services</c> in Aspire).</summary>
    public IServiceProvider Services => _session.App.Services;

    /// <summary>The resource snapshots (state, health, properties) of the project, networks, sidecars and agent.</summary>
    public ResourceNotificationService Notifications => _session.Notifications;

    /// <summary>Each resource's console log.</summary>
    public ResourceLoggerService Logs => Services.GetRequiredService<ResourceLoggerService>();

    /// <summary>The path of the sidecars' audit log.</summary>
    public string AuditLogPath => Path.Combine(StateDirectory, "audit.jsonl");

    /// <summary>Runs <paramref name="command"/> with <c>sh -c</c> in the agent, through the shim (<c>bottle-agent --</c>).</summary>
    public Task<BottleExecResult> ExecAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return ExecAsync(["sh", "-c", command], cancellationToken);
    }

    /// <summary>Runs <paramref name="arguments"/> (program first, no shell) in the agent, through the shim.</summary>
    public async Task<BottleExecResult> ExecAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await BottleExec.RunAsync(AgentContainer, arguments, stdout, stderr, cancellationToken);
        return new BottleExecResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every audit event written so far.</summary>
    /// <exception cref="InvalidDataException">A complete line of the audit log is not an audit event (file and line named).</exception>
    public Task<IReadOnlyList<BottleAuditEvent>> GetAuditEventsAsync(CancellationToken cancellationToken = default) =>
        AuditLogReader.ReadAllAsync(AuditLogPath, cancellationToken);

    /// <summary>The audit events written so far, then each new one as the sidecars write it, until cancelled.</summary>
    public IAsyncEnumerable<BottleAuditEvent> WatchAuditAsync(CancellationToken cancellationToken = default) =>
        AuditLogReader.WatchAsync(AuditLogPath, _timeProvider, cancellationToken);

    /// <summary>The first audit event (already written or still to come) that <paramref name="predicate"/> accepts.</summary>
    public async Task<BottleAuditEvent> WaitForAuditEventAsync(Func<BottleAuditEvent, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        await foreach (var auditEvent in WatchAuditAsync(cancellationToken))
        {
            if (predicate(auditEvent))
            {
                return auditEvent;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Tears the bottle down (logs saved to <c>compose.log</c> first), then removes whatever still carries its slug label,
    /// then deletes the temporary state folder when <see cref="BottleTestingOptions.StateRoot"/> was not given.
    /// Calling it twice is fine.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _session.StopAsync(CancellationToken.None);
            await _session.DisposeAsync();
        }
        finally
        {
            // Again by label: a teardown step that failed inside the orchestrator's stop must not leave a container behind.
            await ComposeTeardown.RunAsync(
                new TeardownTarget(Plan.Slug, Plan.ComposeProject, StateDirectory, [.. Plan.Networks.Select(n => n.Name)]), null, CancellationToken.None);
            if (_ownedDirectory is not null)
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
        }
    }
}

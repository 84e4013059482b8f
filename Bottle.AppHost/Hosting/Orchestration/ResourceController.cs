using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Eventing;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// The lifecycle of one runner-backed resource: waits, start, health, end, stop. Start and stop are
/// serialised by a lock; the end of a run is observed by a watcher task that publishes the final state.
/// </summary>
internal sealed class ResourceController(IResource resource, IResourceRunner runner, OrchestrationContext context) : IDisposable
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ResourceHealthMonitor _healthMonitor = new(context);
    private IRunningResource? _run;
    private Task _runEnded = Task.CompletedTask;
    private int _startCount;

    public IResource Resource => resource;

    public IResourceRunner Runner => runner;

    private bool IsRunning => _run is { Completion.IsCompleted: false };

    /// <summary>The first start: waits for the dependencies, then starts; a failed dependency fails this resource.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var waits = resource.Annotations.OfType<WaitAnnotation>().ToList();
        if (waits.Count > 0)
        {
            await PublishStateAsync(KnownResourceStates.Waiting);
            try
            {
                await WaitForAllAsync(waits, cancellationToken);
            }
            catch (BottleApplicationException ex)
            {
                await FailAsync(ex.Message);
                return;
            }
        }

        await StartAsync(cancellationToken);
    }

    /// <summary>Starts a run unless one is alive. Waits are not re-checked: an operator asked for this start.</summary>
    public async Task<CommandResult> StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return CommandResult.Failed($"Resource '{resource.Name}' is already running.");
            }

            // Let the previous run publish its end before this one begins.
            await _runEnded;
            await context.Notifications.PublishUpdateAsync(resource, s => (s with
            {
                State = ResourceStateSnapshot.For(KnownResourceStates.Starting),
                ExitCode = null,
                StopTimeStamp = null,
                HealthReports = [],
            }).WithProperty(KnownProperties.FailureReason, null));
            LogState(KnownResourceStates.Starting);

            IReadOnlyDictionary<string, string> environment;
            IRunningResource run;
            try
            {
                environment = await BuildEnvironmentAsync(cancellationToken);
                run = await runner.StartAsync(new ResourceStartContext(resource, environment), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await FailAsync(ex.Message);
                return CommandResult.Failed(ex.Message);
            }

            _run = run;
            _startCount++;
            var healthKeys = resource.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key).Distinct().ToList();
            await context.Notifications.PublishUpdateAsync(resource, s => WithRunProperties(s with
            {
                State = ResourceStateSnapshot.For(KnownResourceStates.Running),
                StartTimeStamp = context.TimeProvider.GetUtcNow(),
                Urls = [.. resource.Annotations.OfType<EndpointAnnotation>().Select(e => new UrlSnapshot(e.Name, e.Url!))],
                EnvironmentVariables = [.. environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EnvironmentVariableSnapshot(e.Key, e.Value))],
                HealthReports = [.. healthKeys.Select(k => new HealthReportSnapshot(k, null, null, null))],
            }, run));
            LogState(KnownResourceStates.Running);

            var healthStop = new CancellationTokenSource();
            var health = healthKeys.Count == 0
                ? Task.Run(AnnounceReady, CancellationToken.None)
                : _healthMonitor.RunAsync(resource, healthKeys, AnnounceReady, run as IHealthChangeSource, healthStop.Token);
            _runEnded = WatchRunEndAsync(run, healthStop, health);
            return CommandResult.Succeeded;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops the live run (SIGTERM, then kill after the grace period) and returns once its end is published.
    /// When <paramref name="cancellationToken"/> is cancelled the run is killed at once and this throws.
    /// </summary>
    public async Task<CommandResult> StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lifecycle.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time while another start or stop holds the lock: kill without it rather than leave a process behind.
            if (_run is { Completion.IsCompleted: false } orphan)
            {
                await orphan.StopAsync(new CancellationToken(canceled: true));
            }

            throw;
        }

        try
        {
            if (_run is not { Completion.IsCompleted: false } run)
            {
                return CommandResult.Failed($"Resource '{resource.Name}' is not running.");
            }

            await context.Notifications.PublishUpdateAsync(resource, s => KnownResourceStates.IsRunning(s.State?.Text)
                ? s with { State = ResourceStateSnapshot.For(KnownResourceStates.Stopping) }
                : s);
            LogState(KnownResourceStates.Stopping);
            await run.StopAsync(cancellationToken);
            await _runEnded;
            return CommandResult.Succeeded;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the resource if it runs, then starts it again.</summary>
    public async Task<CommandResult> RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            var stopped = await StopAsync(cancellationToken);
            if (!stopped.Success && IsRunning)
            {
                return stopped;
            }
        }

        return await StartAsync(cancellationToken);
    }

    /// <summary>The start, stop and restart commands every runner-backed resource offers.</summary>
    public IEnumerable<ResourceCommandAnnotation> LifecycleCommands()
    {
        yield return new ResourceCommandAnnotation(
            KnownResourceCommands.StartCommand,
            "Start",
            c => c.ResourceSnapshot.State?.Text is { } state && (KnownResourceStates.IsTerminal(state) || state == KnownResourceStates.NotStarted)
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
            c => StartAsync(c.CancellationToken))
        { IconName = "Play", IsHighlighted = true };
        yield return new ResourceCommandAnnotation(
            KnownResourceCommands.StopCommand,
            "Stop",
            c => KnownResourceStates.IsRunning(c.ResourceSnapshot.State?.Text) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            c => StopAsync(c.CancellationToken))
        { IconName = "Stop", IsHighlighted = true };
        yield return new ResourceCommandAnnotation(
            KnownResourceCommands.RestartCommand,
            "Restart",
            c => KnownResourceStates.IsRunning(c.ResourceSnapshot.State?.Text) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            c => RestartAsync(c.CancellationToken))
        { IconName = "ArrowCounterclockwise" };
    }

    private async Task WaitForAllAsync(List<WaitAnnotation> waits, CancellationToken cancellationToken)
    {
        // The first dependency that fails decides: the other waits are abandoned, not awaited.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = waits.Select(w => WaitForAsync(w, abandon.Token)).ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            if (!finished.IsCompletedSuccessfully)
            {
                await abandon.CancelAsync();
                await finished;
            }
        }
    }

    private async Task WaitForAsync(WaitAnnotation wait, CancellationToken cancellationToken)
    {
        var dependency = wait.Resource.Name;
        if (wait.WaitType == WaitType.WaitUntilHealthy)
        {
            try
            {
                await context.Notifications.WaitForResourceHealthyAsync(dependency, cancellationToken);
            }
            catch (BottleApplicationException ex)
            {
                throw new BottleApplicationException($"Dependency '{dependency}' did not become healthy: {ex.Message}", ex);
            }

            return;
        }

        var end = await context.Notifications.WaitForResourceAsync(
            dependency, e => KnownResourceStates.IsTerminal(e.Snapshot.State?.Text), cancellationToken);
        if (end.Snapshot.State?.Text == KnownResourceStates.FailedToStart || end.Snapshot.ExitCode != wait.ExitCode)
        {
            throw new BottleApplicationException(
                $"Dependency '{dependency}' did not complete with exit code {wait.ExitCode}: {ResourceNotificationService.DescribeEnd(end)}");
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> BuildEnvironmentAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            // Keep the port across restarts, so URLs the operator saw stay valid.
            endpoint.AllocatedPort ??= endpoint.Port ?? FreeLoopbackPort();
            if (endpoint.EnvironmentVariable is { } name)
            {
                environment[name] = endpoint.AllocatedPort.Value.ToString(CultureInfo.InvariantCulture);
            }
        }

        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(new EnvironmentCallbackContext(resource, context.Services, environment, cancellationToken));
        }

        return environment;
    }

    private async Task WatchRunEndAsync(IRunningResource run, CancellationTokenSource healthStop, Task health)
    {
        int? exitCode;
        try
        {
            exitCode = await run.Completion;
        }
        catch (Exception ex)
        {
            context.Logs.WriteLine(resource.Name, $"Lost track of the run: {ex.Message}", isError: true);
            exitCode = null;
        }

        await healthStop.CancelAsync();
        try
        {
            await health;
        }
        catch (OperationCanceledException)
        {
            // The run ended; its health checks end with it.
        }

        healthStop.Dispose();
        var state = exitCode == 0 ? KnownResourceStates.Finished : KnownResourceStates.Exited;
        await context.Notifications.PublishUpdateAsync(resource, s => (s with
        {
            State = ResourceStateSnapshot.For(state),
            ExitCode = exitCode,
            StopTimeStamp = context.TimeProvider.GetUtcNow(),
        }).WithProperty(KnownProperties.ProcessId, null));
        LogState(state);
        await run.DisposeAsync();
        if (context.Notifications.TryGetCurrentState(resource.Name, out var final))
        {
            Announce(new ResourceStoppedEvent(resource, context.Services, final));
        }
    }

    private async Task FailAsync(string reason)
    {
        context.Logs.WriteLine(resource.Name, $"Failed to start: {reason}", isError: true);
        OrchestratorLog.FailedToStart(context.Logger, resource.Name, reason);
        await context.Notifications.PublishUpdateAsync(resource, s => (s with
        {
            State = ResourceStateSnapshot.For(KnownResourceStates.FailedToStart),
        }).WithProperty(KnownProperties.FailureReason, reason));
    }

    private CustomResourceSnapshot WithRunProperties(CustomResourceSnapshot snapshot, IRunningResource run)
    {
        snapshot = snapshot.WithProperty(KnownProperties.StartCount, _startCount.ToString(CultureInfo.InvariantCulture));
        if (resource is ExecutableResource executable)
        {
            snapshot = snapshot
                .WithProperty(KnownProperties.ExecutablePath, executable.Command)
                .WithProperty(KnownProperties.ExecutableArguments, string.Join(' ', executable.Arguments))
                .WithProperty(KnownProperties.WorkingDirectory, executable.WorkingDirectory);
        }

        return run.Properties.Aggregate(snapshot, (s, p) => s.WithProperty(p.Name, p.Value, p.IsSensitive));
    }

    private Task PublishStateAsync(string state)
    {
        LogState(state);
        return context.Notifications.PublishUpdateAsync(resource, s => s with { State = ResourceStateSnapshot.For(state) });
    }

    private void LogState(string state) => OrchestratorLog.StateChanged(context.Logger, resource.Name, state);

    private void AnnounceReady() => Announce(new ResourceReadyEvent(resource, context.Services));

    /// <summary>
    /// Publishes a lifecycle event off the lifecycle path, so a handler that runs a command on this very
    /// resource cannot deadlock against the lock that command needs.
    /// </summary>
    private void Announce<T>(T @event) where T : IBottleResourceEvent
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await context.Eventing.PublishAsync(@event);
            }
            catch (Exception ex)
            {
                OrchestratorLog.EventHandlerFailed(context.Logger, ex, typeof(T).Name, resource.Name);
            }
        });
    }

    public void Dispose() => _lifecycle.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Eventing;
using Bottle.AppHost.Hosting.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>
/// Runs the application model (a hosted service): publishes the initial snapshots, raises
/// <see cref="BeforeStartEvent"/>, starts every runner-backed resource once the resources it waits for are
/// ready (<c>WaitFor</c>: healthy; <c>WaitForCompletion</c>: exited with the expected code), marks it
/// <c>FailedToStart</c> with the reason when one of them fails, monitors health, executes commands, and on
/// shutdown stops the resources in reverse dependency order.
/// </summary>
public sealed class ApplicationOrchestrator : IHostedService, IDisposable
{
    private readonly BottleApplicationModel _model;
    private readonly OrchestrationContext _context;
    private readonly List<ResourceController> _controllers = [];
    private readonly List<Task> _firstStarts = [];
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Creates the orchestrator (normally resolved from DI).</summary>
    public ApplicationOrchestrator(
        BottleApplicationModel model,
        ResourceNotificationService notifications,
        ResourceLoggerService logs,
        BottleEventing eventing,
        HealthCheckService healthChecks,
        IEnumerable<IResourceRunner> runners,
        TimeProvider timeProvider,
        IOptions<BottleHostingOptions> options,
        IServiceProvider services,
        ILogger<ApplicationOrchestrator> logger)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runners);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _context = new OrchestrationContext(notifications, logs, eventing, healthChecks, timeProvider, options.Value, services, logger);

        // The last registered runner wins, so a runtime registered later can take over a resource kind.
        var candidates = runners.Reverse().ToList();
        foreach (var resource in ResourceGraph.StartOrder(model.Resources))
        {
            if (candidates.FirstOrDefault(r => r.CanRun(resource)) is { } runner)
            {
                _controllers.Add(new ResourceController(resource, runner, _context));
            }
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var controller in _controllers)
        {
            var existing = controller.Resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToHashSet();
            foreach (var command in controller.LifecycleCommands().Where(c => !existing.Contains(c.Name)))
            {
                controller.Resource.Annotations.Add(command);
            }
        }

        foreach (var resource in _model.Resources)
        {
            var runnerType = _controllers.FirstOrDefault(c => c.Resource == resource)?.Runner.ResourceType;
            await _context.Notifications.PublishUpdateAsync(resource, s => runnerType is null ? s : s with { ResourceType = runnerType });
        }

        await _context.Eventing.PublishAsync(new BeforeStartEvent(_context.Services, _model), cancellationToken);
        foreach (var controller in _controllers)
        {
            _firstStarts.Add(Task.Run(() => FirstStartAsync(controller), CancellationToken.None));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reverse dependency order, as parallel as that allows: a resource stops once every resource that waits for
    /// it (or is its child) has stopped, so independent ones (e.g. a bottle's sidecars, after its agent) stop
    /// together. A resource whose stop fails or runs out of time does not keep the others from stopping.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync();
        await Task.WhenAll(_firstStarts);
        var stops = new Task[_controllers.Count];
        for (var i = _controllers.Count - 1; i >= 0; i--)
        {
            // Start order puts every resource after what it waits for, so its dependents' stops exist already.
            var resource = _controllers[i].Resource;
            var dependents = Enumerable.Range(i + 1, _controllers.Count - i - 1)
                .Where(j => DependsOn(_controllers[j].Resource, resource))
                .Select(j => stops[j])
                .ToList();
            stops[i] = StopAfterAsync(_controllers[i], dependents, cancellationToken);
        }

        await Task.WhenAll(stops);
    }

    /// <summary>
    /// Runs command <paramref name="commandName"/> (e.g. <see cref="KnownResourceCommands.RestartCommand"/> or a
    /// custom one) on resource <paramref name="resourceName"/>. Never throws for a bad name or a failing command:
    /// the result says what went wrong.
    /// </summary>
    public async Task<CommandResult> ExecuteCommandAsync(string resourceName, string commandName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(commandName);
        if (_model.FindResource(resourceName) is not { } resource)
        {
            return CommandResult.Failed($"There is no resource named '{resourceName}'.");
        }

        if (resource.Annotations.OfType<ResourceCommandAnnotation>().LastOrDefault(c => c.Name == commandName) is not { } command)
        {
            return CommandResult.Failed($"Resource '{resource.Name}' has no command '{commandName}'.");
        }

        if (_shutdown.IsCancellationRequested)
        {
            return CommandResult.Failed($"Cannot run '{commandName}' on '{resource.Name}': the application is stopping.");
        }

        if (_context.Notifications.TryGetCurrentState(resource.Name, out var current)
            && command.UpdateState(new UpdateCommandStateContext(current.Snapshot, _context.Services)) is var state
            && state != ResourceCommandState.Enabled)
        {
            return CommandResult.Failed(
                $"Command '{commandName}' is {state.ToString().ToLowerInvariant()} for resource '{resource.Name}' in state '{current.Snapshot.State?.Text}'.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            return await command.ExecuteCommand(new ExecuteCommandContext(resource.Name, _context.Services, linked.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            OrchestratorLog.CommandFailed(_context.Logger, ex, commandName, resource.Name);
            return CommandResult.Failed($"Command '{commandName}' on '{resource.Name}' failed: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _shutdown.Dispose();
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }
    }

    private static bool DependsOn(IResource dependent, IResource resource) =>
        (dependent is IResourceWithParent child && child.Parent == resource)
        || dependent.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == resource);

    private async Task StopAfterAsync(ResourceController controller, List<Task> dependents, CancellationToken cancellationToken)
    {
        // Their failures are reported by the caller's WhenAll; this one stops either way.
        await Task.WhenAll(dependents).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await controller.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of shutdown time: that resource was killed; the rest are killed too.
            OrchestratorLog.StopTimedOut(_context.Logger, controller.Resource.Name);
        }
    }

    private async Task FirstStartAsync(ResourceController controller)
    {
        try
        {
            await controller.RunAsync(_shutdown.Token);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Shutdown came before the resource could start; it stays as it was.
        }
        catch (Exception ex)
        {
            OrchestratorLog.StartCrashed(_context.Logger, ex, controller.Resource.Name);
        }
    }
}

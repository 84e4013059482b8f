using System.Collections.Immutable;
using Bottle.AppHost.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.AppHost.Hosting;

/// <summary>
/// The single source of truth for resource state. Runners and the orchestrator publish snapshot changes;
/// the dashboard, the CLI and waiting resources watch them. Updates are applied one at a time, so every
/// watcher sees the same order of snapshots.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly Broadcast<ResourceEvent> _broadcast = new();
    private readonly Dictionary<string, ResourceEvent> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;
    private readonly IServiceProvider _services;

    /// <summary>Creates the service (normally resolved from DI).</summary>
    public ResourceNotificationService(TimeProvider timeProvider, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(services);
        _timeProvider = timeProvider;
        _services = services;
    }

    /// <summary>
    /// Applies <paramref name="stateFactory"/> to the resource's current snapshot (or to its initial one) and
    /// publishes the result to every watcher. Command states are recomputed from the new snapshot.
    /// </summary>
    public Task PublishUpdateAsync(IResource resource, Func<CustomResourceSnapshot, CustomResourceSnapshot> stateFactory)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(stateFactory);
        _broadcast.Publish(() =>
        {
            var previous = _current.TryGetValue(resource.Name, out var current)
                ? current.Snapshot
                : CreateInitialSnapshot(resource);
            var next = stateFactory(previous);
            next = next with { Commands = EvaluateCommands(resource, next) };
            var resourceEvent = new ResourceEvent(resource, resource.Name, next);
            _current[resource.Name] = resourceEvent;
            return resourceEvent;
        });

        return Task.CompletedTask;
    }

    /// <summary>
    /// Streams resource events: first the current snapshot of every known resource (in the order they were
    /// first published), then every change, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public IAsyncEnumerable<ResourceEvent> WatchAsync(CancellationToken cancellationToken = default) =>
        _broadcast.WatchAsync(() => [.. _current.Values], cancellationToken);

    /// <summary>The latest event of resource <paramref name="resourceName"/>, if it was ever published.</summary>
    public bool TryGetCurrentState(string resourceName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResourceEvent? resourceEvent)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ResourceEvent? found = null;
        var known = _broadcast.Read(() => _current.TryGetValue(resourceName, out found));
        resourceEvent = found;
        return known;
    }

    /// <summary>The latest event of every resource published so far, in the order they were first published.</summary>
    public IReadOnlyList<ResourceEvent> GetCurrentStates()
    {
        return _broadcast.Read<IReadOnlyList<ResourceEvent>>(() => [.. _current.Values]);
    }

    /// <summary>Waits until resource <paramref name="resourceName"/> is in state <paramref name="targetState"/>.</summary>
    /// <returns>The state reached.</returns>
    public Task<string> WaitForResourceAsync(string resourceName, string targetState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetState);
        return WaitForResourceAsync(resourceName, [targetState], cancellationToken);
    }

    /// <summary>Waits until resource <paramref name="resourceName"/> is in one of <paramref name="targetStates"/>.</summary>
    /// <returns>The state reached.</returns>
    public async Task<string> WaitForResourceAsync(string resourceName, IEnumerable<string> targetStates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetStates);
        var states = targetStates.ToHashSet(StringComparer.Ordinal);
        var reached = await WaitForResourceAsync(
            resourceName, e => e.Snapshot.State?.Text is { } text && states.Contains(text), cancellationToken);
        return reached.Snapshot.State!.Text;
    }

    /// <summary>Waits until an event of resource <paramref name="resourceName"/> satisfies <paramref name="predicate"/>.</summary>
    /// <returns>The first matching event (the current one if it already matches).</returns>
    public async Task<ResourceEvent> WaitForResourceAsync(string resourceName, Func<ResourceEvent, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(predicate);
        await foreach (var resourceEvent in WatchAsync(cancellationToken))
        {
            if (string.Equals(resourceEvent.ResourceId, resourceName, StringComparison.OrdinalIgnoreCase) && predicate(resourceEvent))
            {
                return resourceEvent;
            }
        }

        // WatchAsync only ends by cancellation, which throws above; this keeps the compiler honest.
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Waits until resource <paramref name="resourceName"/> is running and healthy.
    /// </summary>
    /// <exception cref="BottleApplicationException">The resource ended (exited, finished or failed to start) before it became healthy.</exception>
    public async Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var reached = await WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.HealthStatus == HealthStatus.Healthy || KnownResourceStates.IsTerminal(e.Snapshot.State?.Text),
            cancellationToken);
        if (reached.Snapshot.HealthStatus != HealthStatus.Healthy)
        {
            throw new BottleApplicationException(DescribeEnd(reached));
        }

        return reached;
    }

    /// <summary>Describes why a resource ended, for the dependants' failure reason.</summary>
    internal static string DescribeEnd(ResourceEvent resourceEvent)
    {
        var snapshot = resourceEvent.Snapshot;
        var state = snapshot.State?.Text ?? "unknown";
        var detail = snapshot.GetProperty(KnownProperties.FailureReason) is { } reason
            ? $": {reason}"
            : snapshot.ExitCode is { } exitCode ? $" with exit code {exitCode}" : "";
        return $"Resource '{resourceEvent.ResourceId}' is {state}{detail}.";
    }

    private CustomResourceSnapshot CreateInitialSnapshot(IResource resource)
    {
        if (resource.Annotations.OfType<ResourceSnapshotAnnotation>().LastOrDefault() is { } annotation)
        {
            return annotation.InitialSnapshot with
            {
                CreationTimeStamp = annotation.InitialSnapshot.CreationTimeStamp ?? _timeProvider.GetUtcNow(),
            };
        }

        return new CustomResourceSnapshot
        {
            ResourceType = DefaultResourceType(resource),
            State = ResourceStateSnapshot.For(KnownResourceStates.NotStarted),
            CreationTimeStamp = _timeProvider.GetUtcNow(),
            Relationships = RelationshipsOf(resource),
        };
    }

    private static string DefaultResourceType(IResource resource)
    {
        var typeName = resource.GetType().Name;
        return typeName.EndsWith("Resource", StringComparison.Ordinal) && typeName.Length > "Resource".Length
            ? typeName[..^"Resource".Length]
            : typeName;
    }

    private static ImmutableArray<RelationshipSnapshot> RelationshipsOf(IResource resource)
    {
        var builder = ImmutableArray.CreateBuilder<RelationshipSnapshot>();
        if (resource is IResourceWithParent withParent)
        {
            builder.Add(new RelationshipSnapshot(withParent.Parent.Name, KnownRelationshipTypes.Parent));
        }

        foreach (var annotation in resource.Annotations)
        {
            var relationship = annotation switch
            {
                ResourceRelationshipAnnotation r => new RelationshipSnapshot(r.Resource.Name, r.Type),
                WaitAnnotation { WaitType: WaitType.WaitUntilHealthy } w => new RelationshipSnapshot(w.Resource.Name, KnownRelationshipTypes.WaitFor),
                WaitAnnotation w => new RelationshipSnapshot(w.Resource.Name, KnownRelationshipTypes.WaitForCompletion),
                _ => null,
            };
            if (relationship is not null && !builder.Contains(relationship))
            {
                builder.Add(relationship);
            }
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<ResourceCommandSnapshot> EvaluateCommands(IResource resource, CustomResourceSnapshot snapshot)
    {
        var context = new UpdateCommandStateContext(snapshot, _services);
        return
        [
            .. resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => new ResourceCommandSnapshot(
                c.Name, c.DisplayName, c.UpdateState(context), c.Description, c.ConfirmationMessage, c.IconName, c.IsHighlighted)),
        ];
    }
}

using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Launches a bottle without asking anyone (for <c>run</c> and BottleTesting): makes sure its images exist, refuses
/// a bottle of the same slug that is still running, removes what crashed bottles left in the state root, starts the
/// session and waits until every sidecar is healthy and the agent runs.
/// </summary>
public static class BottleStarter
{
    /// <summary>
    /// Launches <paramref name="plan"/> with its state under <paramref name="root"/>. Never throws for a bottle that does
    /// not come up: the result says why, and holds the session (when one was started) so the caller can read its
    /// checks and must tear it down. <paramref name="startTimeout"/> bounds the wait for healthy; cancelling
    /// <paramref name="cancellationToken"/> ends the wait with the failure "interrupted".
    /// </summary>
    public static async Task<BottleStart> StartAsync(
        BottlePlan plan, BottleStateRoot root, Action<string>? progress, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(root);
        try
        {
            await ComposeImages.EnsureAsync(plan, line => progress?.Invoke($"image: {line}"), cancellationToken);
            var running = (await BottleInventory.ListAsync(root, cancellationToken)).FirstOrDefault(b => b.Slug == plan.Slug && !b.IsOrphan);
            if (running is not null)
            {
                return new BottleStart(null, $"{plan.Slug} is already running (app host pid {running.Metadata?.AppHostPid}); 'bottle down {plan.Slug}' first, or give this run another instance");
            }

            foreach (var pruned in await BottleInventory.PruneAsync(root, line => progress?.Invoke($"prune: {line}"), cancellationToken))
            {
                progress?.Invoke($"removed the leftovers of crashed bottle {pruned}");
            }
        }
        catch (InvalidOperationException ex)
        {
            return new BottleStart(null, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new BottleStart(null, "interrupted");
        }

        var session = ComposeBottleSession.Create(plan, root.For(plan.Slug), detached: false);

        // Not the caller's token: an interrupted start must still be torn down by StopAsync, which needs a started app.
        await session.StartAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(startTimeout);
        try
        {
            return new BottleStart(session, await session.WaitUntilUpAsync(progress, deadline.Token));
        }
        catch (OperationCanceledException)
        {
            return new BottleStart(session, cancellationToken.IsCancellationRequested ? "interrupted" : $"not up within {startTimeout.TotalSeconds:F0} s");
        }
    }
}

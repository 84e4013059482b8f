namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>A bottle found on this machine by its labels, with what its state directory says about it.</summary>
/// <param name="Slug">The slug.</param>
/// <param name="StateDirectory">The state directory from the labels (or the state root), if known.</param>
/// <param name="Containers">Its containers.</param>
/// <param name="Networks">Its networks.</param>
/// <param name="Metadata">Its <c>metadata.json</c>, if readable.</param>
/// <param name="AppHostAlive">True when the app host that launched it still runs.</param>
public sealed record BottleListing(
    string Slug,
    string? StateDirectory,
    IReadOnlyList<BottleContainer> Containers,
    IReadOnlyList<string> Networks,
    BottleMetadata? Metadata,
    bool AppHostAlive)
{
    /// <summary>
    /// True when nothing looks after the bottle any more: its app host is gone and it was not detached (or it
    /// was, but none of its containers runs).
    /// </summary>
    public bool IsOrphan =>
        !AppHostAlive && !(Metadata is { Detached: true } && Containers.Any(c => c.State == "running"));
}

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>What a teardown removes: one bottle's project, containers and networks, found by name and by label.</summary>
/// <param name="Slug">The bottle's slug (the label that finds leftovers).</param>
/// <param name="ComposeProject">The Compose project name.</param>
/// <param name="StateDirectory">The state directory (where <c>compose.log</c> goes); may no longer exist.</param>
/// <param name="Networks">Network names known from the plan or metadata.</param>
public sealed record TeardownTarget(string Slug, string ComposeProject, string StateDirectory, IReadOnlyList<string> Networks)
{
    /// <summary>The target recorded in <paramref name="metadata"/>.</summary>
    public static TeardownTarget From(BottleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new(metadata.Slug, metadata.ComposeProject, metadata.StateDirectory, metadata.Networks);
    }
}

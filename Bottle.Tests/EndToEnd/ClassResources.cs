namespace Bottle.Tests.EndToEnd;

/// <summary>Releases what an end-to-end test class started in its <c>ClassInitialize</c>, whichever part of it got started.</summary>
internal static class ClassResources
{
    /// <summary>
    /// Disposes <paramref name="started"/> in the order given (the bottle before what it was connected to), skipping
    /// what never started, then deletes <paramref name="folder"/> with everything in it when there is one.
    /// </summary>
    public static async Task ReleaseAsync(string? folder, params IAsyncDisposable?[] started)
    {
        foreach (var resource in started)
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }

        // The agent (uid 1000) and git-gate (uid 10001) may have written here; whoever runs the tests can still remove it all.
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

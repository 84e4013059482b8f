using Bottle.AppHost.Runtimes.Compose;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>
/// Bottle's own images, staged and built once per test run through the same <see cref="ImageBuilder"/>
/// path that <c>up</c> uses (so an unchanged checkout reuses the images of the previous run). They are
/// products, like build outputs, and are not removed after the tests; their tags are content hashes, so
/// parallel worktrees never overwrite each other's images.
/// </summary>
internal static class BottleImages
{
    private static readonly Lazy<Task<ImageBuilderResult>> Sidecars = new(() => BuildAsync(
        root => ImageBuilderContexts.StageSidecarsAsync(root, Console.WriteLine, CancellationToken.None)));

    private static readonly Lazy<Task<ImageBuilderResult>> Agent = new(() => BuildAsync(
        root => ImageBuilderContexts.StageAgentAsync(root, Console.WriteLine, CancellationToken.None)));

    private static readonly Lazy<Task<ImageBuilderResult>> Claude = new(() => BuildAsync(
        root => ImageBuilderContexts.StageClaudeAsync(root, Console.WriteLine, CancellationToken.None)));

    public static string RepositoryRoot { get; } =
        ImageBuilderContexts.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"no {ImageBuilderContexts.RootMarker} above {AppContext.BaseDirectory}");

    /// <summary>The sidecar image (built on first use); requires the engine first.</summary>
    public static async Task<string> SidecarsAsync()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        return (await Sidecars.Value).Image;
    }

    /// <summary>The agent image (built on first use); requires the engine first.</summary>
    public static async Task<string> AgentAsync()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        return (await Agent.Value).Image;
    }

    /// <summary>The Claude Code agent image (built on first use: ~380 MB of Claude Code); requires the engine first.</summary>
    public static async Task<ImageBuilderResult> ClaudeAsync()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        return await Claude.Value;
    }

    private static async Task<ImageBuilderResult> BuildAsync(Func<string, Task<ImageBuilderRequest>> stage)
    {
        using (await ImageBuilderContexts.AcquireBuildLockAsync(RepositoryRoot, CancellationToken.None))
        {
            var request = await stage(RepositoryRoot);
            var builder = new ImageBuilder(NullLogger<ImageBuilder>.Instance, TimeProvider.System);
            return await builder.EnsureImageAsync(request, Console.WriteLine, CancellationToken.None);
        }
    }
}

using Bottle.AppHost.Planning;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Makes sure the images a plan runs exist before <c>up</c>: Bottle's own images under their default names
/// (<c>bottle-sidecars:local</c>, <c>bottle-agent:local</c>, <c>bottle-agent-claude:local</c>) are built from the source checkout when missing or
/// changed (<see cref="ImageBuilder"/>, reused by content hash) and tagged with the default name; any other
/// image must already be present (nothing can be pulled here), or the launch stops naming it.
/// </summary>
public static class ComposeImages
{
    /// <summary>The agent image name the example manifests use.</summary>
    public const string DefaultAgentImage = "bottle-agent:local";

    /// <summary>The Claude Code agent image name the implementer manifest uses.</summary>
    public const string ClaudeAgentImage = "bottle-agent-claude:local";

    /// <summary>Ensures every image of <paramref name="plan"/> exists; <paramref name="onProgress"/> hears build output.</summary>
    public static async Task EnsureAsync(BottlePlan plan, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var images = plan.Sidecars.Select(s => s.Image).Append(plan.Agent.Image).Distinct(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (image is PlanOptions.DefaultSidecarImage or DefaultAgentImage or ClaudeAgentImage
                && ImageBuilderContexts.FindRepositoryRoot(AppContext.BaseDirectory) is { } root)
            {
                using (await ImageBuilderContexts.AcquireBuildLockAsync(root, cancellationToken))
                {
                    var request = image switch
                    {
                        DefaultAgentImage => await ImageBuilderContexts.StageAgentAsync(root, onProgress, cancellationToken),
                        ClaudeAgentImage => await ImageBuilderContexts.StageClaudeAsync(root, onProgress, cancellationToken),
                        _ => await ImageBuilderContexts.StageSidecarsAsync(root, onProgress, cancellationToken),
                    };
                    var built = await new ImageBuilder(NullLogger<ImageBuilder>.Instance, TimeProvider.System).EnsureImageAsync(request, onProgress, cancellationToken);
                    (await DockerCli.RunAsync(["tag", built.Image, image], cancellationToken)).EnsureSuccess($"docker tag {built.Image} {image}");
                }

                continue;
            }

            var inspect = await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken);
            if (!inspect.Succeeded)
            {
                throw new InvalidOperationException(
                    $"image '{image}' is not on this machine and cannot be pulled here; build it first (or run 'up' from a Bottle checkout for Bottle's own images)");
            }
        }
    }
}

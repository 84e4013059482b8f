using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Builds a Bottle image only when its build context changed: the context's content hash is both the
/// image's <c>io.bottle.content-hash</c> label and its tag, so an unchanged context is found with one
/// <c>docker image inspect</c> and reused, and images built from different sources never overwrite each other.
/// </summary>
public sealed partial class ImageBuilder(ILogger<ImageBuilder> logger, TimeProvider timeProvider)
{
    /// <summary>The label naming which Bottle image (repository) an image is, for listing and pruning old builds.</summary>
    public const string ImageLabelName = "io.bottle.image";

    // 16 hex digits (64 bits) keep tags readable; the full hash stays in the label and is compared there.
    private const int TagLength = 16;

    /// <summary>Ensures an image for <paramref name="request"/> exists, building it with progress lines when it does not.</summary>
    public async Task<ImageBuilderResult> EnsureImageAsync(
        ImageBuilderRequest request,
        Action<string>? onProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        if (!File.Exists(Path.Combine(request.ContextDirectory, "Dockerfile")))
        {
            throw new FileNotFoundException(
                $"build context '{request.ContextDirectory}' for image '{request.Repository}' has no Dockerfile at its root");
        }

        var hash = await ImageBuilderContentHash.ComputeAsync(request.ContextDirectory, cancellationToken);
        var image = ImageFor(request.Repository, hash);

        if (await GetContentHashLabelAsync(image, cancellationToken) == hash)
        {
            LogReused(logger, image);
            onProgress?.Invoke($"{image}: up to date, reused");
            return new ImageBuilderResult(image, hash, Built: false, timeProvider.GetElapsedTime(started));
        }

        LogBuilding(logger, image, request.ContextDirectory);
        onProgress?.Invoke($"{image}: building from {request.ContextDirectory}");
        var build = await ImageBuilderProcess.RunAsync(
            "docker",
            ["build", "--force-rm", "--label", $"{ImageBuilderContentHash.LabelName}={hash}", "--label", $"{ImageLabelName}={request.Repository}",
             "--tag", image, request.ContextDirectory],
            onProgress,
            cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"docker build of '{image}' from '{request.ContextDirectory}' failed with exit code {build.ExitCode}:\n{build.Describe()}");
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        LogBuilt(logger, image, elapsed.TotalSeconds);
        return new ImageBuilderResult(image, hash, Built: true, elapsed);
    }

    /// <summary>The content-hash image name (<c>repository:tag</c>) a context with <paramref name="contentHash"/> is built as.</summary>
    public static string ImageFor(string repository, string contentHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        return $"{repository}:{contentHash["sha256:".Length..][..TagLength]}";
    }

    /// <summary>True when <paramref name="tag"/> has the shape of a content-hash tag (16 lowercase hex digits).</summary>
    public static bool IsContentHashTag(string tag) =>
        tag.Length == TagLength && tag.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The image's content-hash label, or null when the image does not exist (or carries no label).</summary>
    public static async Task<string?> GetContentHashLabelAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        string? label = null;
        var inspect = await ImageBuilderProcess.RunAsync(
            "docker",
            ["image", "inspect", "--format", $"{{{{index .Config.Labels \"{ImageBuilderContentHash.LabelName}\"}}}}", image],
            line => label ??= line.Trim(),
            cancellationToken);
        return inspect.ExitCode == 0 && !string.IsNullOrEmpty(label) ? label : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {Image} is up to date; reusing it")]
    private static partial void LogReused(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building image {Image} from {Context}")]
    private static partial void LogBuilding(ILogger logger, string image, string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built image {Image} in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, string image, double seconds);
}

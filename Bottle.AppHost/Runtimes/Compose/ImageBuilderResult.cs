namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The outcome of <see cref="ImageBuilder.EnsureImageAsync"/>.</summary>
/// <param name="Image">The image reference to run, <c>repository:tag</c>, where the tag is the content hash's prefix.</param>
/// <param name="ContentHash">The build context's hash (<c>sha256:...</c>), also the image's <c>io.bottle.content-hash</c> label.</param>
/// <param name="Built">True when <c>docker build</c> ran; false when an image with the same content hash was reused.</param>
/// <param name="Elapsed">Time spent hashing, checking and (if needed) building.</param>
public sealed record ImageBuilderResult(string Image, string ContentHash, bool Built, TimeSpan Elapsed);

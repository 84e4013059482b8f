namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>A content-hash tag of a Bottle-built image that <see cref="ImagePrune"/> removes (or, in a dry run, would).</summary>
/// <param name="Reference">The tag (<c>repository:hash</c>), or the image id when the image has no tag left.</param>
/// <param name="Id">The image id.</param>
/// <param name="Size">The image's size as <c>docker images</c> prints it.</param>
/// <param name="OtherNames">Names the image also carries and keeps (then only the tag goes and the image stays).</param>
public sealed record PrunableImage(string Reference, string Id, string Size, IReadOnlyList<string> OtherNames)
{
    /// <summary>A line for the user: what goes, and whether the image itself goes with it.</summary>
    public string Describe(bool dryRun)
    {
        var verb = dryRun ? "would remove" : "removed";
        return OtherNames.Count == 0
            ? $"{verb} image {Reference} ({Size})"
            : $"{verb} tag {Reference} (the image stays: also named {string.Join(", ", OtherNames)})";
    }
}

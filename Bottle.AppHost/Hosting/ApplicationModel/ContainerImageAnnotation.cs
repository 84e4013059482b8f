namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The image a container-backed resource runs.</summary>
public sealed class ContainerImageAnnotation : IResourceAnnotation
{
    /// <summary>The image name, e.g. <c>bottle/sidecars</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The tag, e.g. <c>latest</c>; null means the runtime's default.</summary>
    public string? Tag { get; init; }

    /// <summary>The registry host, or null for a local image.</summary>
    public string? Registry { get; init; }

    /// <summary>The full reference: <c>[registry/]image[:tag]</c>.</summary>
    public string Reference =>
        (Registry is null ? "" : Registry + "/") + Image + (Tag is null ? "" : ":" + Tag);
}

namespace Bottle.AppHost.Planning;

/// <summary>Choices the caller makes rather than the manifest.</summary>
/// <param name="SidecarImage">The image all three sidecars run.</param>
public sealed record PlanOptions(string SidecarImage = PlanOptions.DefaultSidecarImage)
{
    /// <summary>The locally built sidecar image.</summary>
    public const string DefaultSidecarImage = "bottle-sidecars:local";

    /// <summary>The defaults.</summary>
    public static PlanOptions Default { get; } = new();
}

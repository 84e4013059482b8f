namespace Bottle.Sidecars.Proxy;

/// <summary>
/// An inspector that finds nothing: policy alone decides. Used where no DLP engine is configured (tests of
/// policy and plumbing); a production pipelock is given the DLP engine's inspector instead.
/// </summary>
public sealed class PassThroughInspector : IRequestInspector, IRequestInspection
{
    /// <summary>The one instance (it holds no state).</summary>
    public static PassThroughInspector Instance { get; } = new();

    private PassThroughInspector()
    {
    }

    /// <inheritdoc />
    public int BodyOverlapBytes => 0;

    /// <inheritdoc />
    public IRequestInspection Begin(InspectionTarget target) => this;

    /// <inheritdoc />
    public InspectionVerdict InspectHead() => InspectionVerdict.Allow;

    /// <inheritdoc />
    public InspectionVerdict InspectBody(ReadOnlySpan<byte> chunk) => InspectionVerdict.Allow;

    /// <inheritdoc />
    public InspectionVerdict CompleteBody() => InspectionVerdict.Allow;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

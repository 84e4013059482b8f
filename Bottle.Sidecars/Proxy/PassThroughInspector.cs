namespace Bottle.Sidecars.Proxy;

/// <summary>
/// An inspector that finds nothing: policy alone decides. Used where no DLP engine is configured (tests of
/// policy and plumbing, benchmarks of the bare proxy); the <c>pipelock</c> role uses the DLP inspector instead.
/// </summary>
public sealed class PassThroughInspector : IRequestInspector, IRequestInspection
{
    private PassThroughInspector()
    {
    }

    /// <summary>The one instance (it holds no state).</summary>
    public static PassThroughInspector Instance { get; } = new();

    /// <inheritdoc />
    public int BodyOverlapBytes => 0;

    /// <inheritdoc />
    public IReadOnlyList<string> PassedFindingIds => [];

    /// <inheritdoc />
    public IReadOnlyList<string> WarnedRuleIds => [];

    /// <inheritdoc />
    public IRequestInspection Begin(InspectionTarget target) => this;

    /// <inheritdoc />
    public InspectionVerdict InspectHead() => InspectionVerdict.Allow;

    /// <inheritdoc />
    public ValueTask<InspectionVerdict> InspectBodyAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken) => new(InspectionVerdict.Allow);

    /// <inheritdoc />
    public ValueTask<InspectionVerdict> CompleteBodyAsync(CancellationToken cancellationToken) => new(InspectionVerdict.Allow);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

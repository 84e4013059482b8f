namespace Bottle.Sidecars.Proxy;

/// <summary>A write-only stream that sends a request head just before the first body bytes (or at the end, for an empty body).</summary>
internal sealed class HeadFirstStream(Stream inner, byte[] head) : WriteOnlyStream
{
    private bool _headSent;

    /// <summary>Sends the head if no body bytes did yet.</summary>
    public async ValueTask EnsureHeadSentAsync(CancellationToken cancellationToken)
    {
        if (!_headSent)
        {
            _headSent = true;
            await inner.WriteAsync(head, cancellationToken);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await EnsureHeadSentAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _headSent ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    // The inner stream is the link's: it outlives one request.
    protected override void Dispose(bool disposing) => base.Dispose(false);
}

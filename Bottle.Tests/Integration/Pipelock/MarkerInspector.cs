using System.Text;
using Bottle.Sidecars.Proxy;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// A test double for the DLP engine behind the <see cref="IRequestInspector"/> seam: denies when the URL, a header
/// value or the body contains a marker, including a marker split across body chunks (it keeps the last
/// marker-length-minus-one bytes between chunks, and asks the proxy to hold back as many).
/// </summary>
internal sealed class MarkerInspector(string marker) : IRequestInspector
{
    public const string RuleId = "test-marker";

    private readonly byte[] _marker = Encoding.ASCII.GetBytes(marker);

    public IRequestInspection Begin(InspectionTarget target) => new Inspection(this, target);

    private sealed class Inspection(MarkerInspector owner, InspectionTarget target) : IRequestInspection
    {
        private byte[] _tail = [];

        public int BodyOverlapBytes => owner._marker.Length - 1;

        public IReadOnlyList<string> PassedFindingIds => [];

        public InspectionVerdict InspectHead()
        {
            var marker = Encoding.ASCII.GetString(owner._marker);
            if (target.PathAndQuery.Contains(marker, StringComparison.Ordinal))
            {
                return InspectionVerdict.Deny("marker in URL", RuleId, "finding-url");
            }

            return target.Headers.Any(h => h.Value.Contains(marker, StringComparison.Ordinal))
                ? InspectionVerdict.Deny("marker in a header", RuleId, "finding-header")
                : InspectionVerdict.Allow;
        }

        public ValueTask<InspectionVerdict> InspectBodyAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InspectBody(chunk.Span));

        private InspectionVerdict InspectBody(ReadOnlySpan<byte> chunk)
        {
            var window = new byte[_tail.Length + chunk.Length];
            _tail.CopyTo(window, 0);
            chunk.CopyTo(window.AsSpan(_tail.Length));
            if (window.AsSpan().IndexOf(owner._marker) >= 0)
            {
                return InspectionVerdict.Deny("marker in the body", RuleId, "finding-body");
            }

            _tail = window[Math.Max(0, window.Length - BodyOverlapBytes)..];
            return InspectionVerdict.Allow;
        }

        public ValueTask<InspectionVerdict> CompleteBodyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(InspectionVerdict.Allow);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Text;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>A response read by <see cref="RawHttp"/>.</summary>
internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? DenyReason => Headers.GetValueOrDefault("X-Bottle-Deny-Reason");
}

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>The gate's answer to a push: accepted (and already on the real remote) or rejected, with the lines the pusher sees.</summary>
/// <param name="Accepted">True when the push reached the real remote and the mirror may take it.</param>
/// <param name="Messages">Lines shown to the pusher as <c>remote:</c> output.</param>
public sealed record PushVerdict(bool Accepted, IReadOnlyList<string> Messages)
{
    /// <summary>A rejection with the given lines.</summary>
    public static PushVerdict Reject(params string[] messages) => new(false, messages);
}

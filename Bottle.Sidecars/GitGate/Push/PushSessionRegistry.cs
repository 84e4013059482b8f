using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>
/// Pushes in flight, by one-time token. The receive-pack request registers a token and hands it to git's
/// environment; the pre-receive hook presents it back, so only a hook run by git-gate's own receive-pack can
/// ask for a verdict, and only once.
/// </summary>
internal sealed class PushSessionRegistry
{
    private readonly ConcurrentDictionary<string, GitGateRemoteOptions> sessions = new(StringComparer.Ordinal);

    /// <summary>Registers a push to <paramref name="remote"/>; dispose the result when the request ends.</summary>
    public PushSession Register(GitGateRemoteOptions remote)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        sessions[token] = remote;
        return new PushSession(token, () => sessions.TryRemove(token, out _));
    }

    /// <summary>Takes (and so invalidates) the session of <paramref name="token"/>.</summary>
    public GitGateRemoteOptions? Take(string token) => sessions.TryRemove(token, out var remote) ? remote : null;
}

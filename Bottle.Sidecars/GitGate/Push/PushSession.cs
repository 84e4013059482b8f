namespace Bottle.Sidecars.GitGate.Push;

/// <summary>A registered push: its token, and the registration to drop when the request ends.</summary>
internal sealed class PushSession(string token, Action unregister) : IDisposable
{
    public string Token { get; } = token;

    public void Dispose() => unregister();
}

namespace Bottle.Sidecars.Proxy;

/// <summary>Headers pipelock adds to the responses it returns to the agent.</summary>
public static class ProxyHeaders
{
    /// <summary>
    /// On a response let through in DLP warn mode: the ids of the rules that found something in the request
    /// (comma-separated), so the agent learns it sent what looks like a secret. Never the secret itself.
    /// </summary>
    public const string DlpWarning = "X-Bottle-Dlp-Warning";
}

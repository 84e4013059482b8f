using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

/// <summary>A credential the agent may use without ever holding it (manifest <c>credentials.&lt;name&gt;</c>).</summary>
/// <param name="Name">The credential's name (<c>[a-z0-9-]</c>).</param>
/// <param name="Source">Where the real value comes from on the host.</param>
/// <param name="Header">The request header it travels in, if any (git credentials need none).</param>
/// <param name="Format">How the header value is built; holds <c>{value}</c> (default <c>{value}</c>).</param>
/// <param name="Hosts">The only hosts the value may be sent to.</param>
/// <param name="AgentEnv">The environment variable the agent finds the placeholder in, if any.</param>
public sealed record CredentialSpec(
    string Name,
    CredentialSource Source,
    string? Header,
    string Format,
    IReadOnlyList<HostPattern> Hosts,
    string? AgentEnv);

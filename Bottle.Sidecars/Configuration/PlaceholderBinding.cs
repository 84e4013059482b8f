using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Configuration;

/// <summary>
/// Ties a credential placeholder the agent holds to the credential egress swaps in for it. Never holds the value:
/// egress reads values from its credentials file by <see cref="Credential"/> name.
/// </summary>
/// <param name="Placeholder">The text the agent sends (<c>bottle-cred-&lt;uuid&gt;</c>).</param>
/// <param name="Credential">The manifest credential name.</param>
/// <param name="Hosts">The only hosts the real value may be sent to.</param>
/// <param name="Header">The request header the credential travels in, if the manifest names one.</param>
/// <param name="Format">How the header value is built; holds <c>{value}</c>.</param>
public sealed record PlaceholderBinding(
    string Placeholder,
    string Credential,
    IReadOnlyList<HostPattern> Hosts,
    string? Header,
    string Format);

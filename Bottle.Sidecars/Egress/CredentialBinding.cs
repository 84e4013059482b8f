using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// Binds a placeholder the agent holds to a real credential egress holds: the real value goes into
/// <paramref name="Header"/> (rendered with <paramref name="Format"/>, e.g. <c>Bearer {value}</c>) only for
/// requests over https to one of <paramref name="Hosts"/> whose allow rule names <paramref name="Credential"/>.
/// </summary>
/// <param name="Placeholder">The stand-in the agent sees, <c>bottle-cred-&lt;uuid&gt;</c>.</param>
/// <param name="Credential">The credential's name in the credentials file and in rules.</param>
/// <param name="Hosts">The hosts the real value may be sent to.</param>
/// <param name="Header">The request header that carries it (e.g. <c>x-api-key</c>, <c>Authorization</c>); empty when any header may carry the placeholder, which is then replaced in place.</param>
/// <param name="Format">The header value with <c>{value}</c> where the credential goes.</param>
public sealed record CredentialBinding(
    string Placeholder,
    string Credential,
    IReadOnlyList<HostPattern> Hosts,
    string Header,
    string Format = CredentialBinding.ValueToken)
{
    /// <summary>The token in <see cref="Format"/> replaced by the real value.</summary>
    public const string ValueToken = "{value}";
}

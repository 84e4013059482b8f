using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// Swaps placeholders for real credentials, and stops placeholders going where they do not belong.
/// A known placeholder found anywhere in a request (URL, any header, the scanned body prefix) is allowed only
/// when the request goes over https to one of its credential's hosts on a rule that names that credential;
/// otherwise the whole request is refused as an exfiltration attempt. When allowed, the binding's header is
/// rewritten with the real value; placeholders anywhere else stay placeholders (no real value ever goes into a
/// URL or body).
/// </summary>
public sealed class CredentialInjector
{
    private readonly Dictionary<string, CredentialBinding> byPlaceholder;
    private readonly CredentialStore store;

    /// <summary>Checks that every binding names a credential the store holds, with a well-formed placeholder.</summary>
    public CredentialInjector(IReadOnlyList<CredentialBinding> bindings, CredentialStore store)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        byPlaceholder = new Dictionary<string, CredentialBinding>(StringComparer.OrdinalIgnoreCase);
        foreach (var binding in bindings)
        {
            if (!CredentialPlaceholder.IsPlaceholder(binding.Placeholder))
            {
                throw new InvalidOperationException($"binding for credential '{binding.Credential}': placeholder '{binding.Placeholder}' is not of the form {CredentialPlaceholder.Prefix}<uuid>");
            }

            if (!store.TryGetValue(binding.Credential, out _))
            {
                throw new InvalidOperationException($"binding for credential '{binding.Credential}': the credentials file has no credential of that name");
            }

            if (!binding.Format.Contains(CredentialBinding.ValueToken, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"binding for credential '{binding.Credential}': format '{binding.Format}' lacks {CredentialBinding.ValueToken}");
            }

            if (!byPlaceholder.TryAdd(binding.Placeholder, binding))
            {
                throw new InvalidOperationException($"placeholder '{binding.Placeholder}' is bound twice");
            }
        }
    }

    /// <summary>Decides for one request.</summary>
    /// <param name="isHttps">Whether the upstream leg is TLS.</param>
    /// <param name="host">The destination host (already required to equal the Host header).</param>
    /// <param name="rule">The allow rule the request matched.</param>
    /// <param name="target">The request target (URL) as sent.</param>
    /// <param name="headers">The request headers as sent.</param>
    /// <param name="bodyPrefix">The first bytes of the body, up to the scan limit.</param>
    public InjectionDecision Decide(
        bool isHttps,
        string host,
        EgressRule rule,
        string target,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> bodyPrefix)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(headers);

        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        found.UnionWith(CredentialPlaceholder.FindAll(target));
        found.UnionWith(CredentialPlaceholder.FindAll(Uri.UnescapeDataString(target)));
        foreach (var (name, value) in headers)
        {
            found.UnionWith(CredentialPlaceholder.FindAll(name));
            found.UnionWith(CredentialPlaceholder.FindAll(value));
        }

        found.UnionWith(CredentialPlaceholder.FindAll(bodyPrefix));

        var bindings = new List<CredentialBinding>();
        foreach (var placeholder in found)
        {
            // Unknown placeholders carry no secret and get nothing injected; they pass as the text they are.
            if (!byPlaceholder.TryGetValue(placeholder, out var binding))
            {
                continue;
            }

            if (Refuse(binding, isHttps, host, rule) is { } refusal)
            {
                return new InjectionDecision([], [], refusal);
            }

            bindings.Add(binding);
        }

        if (bindings.Count == 0)
        {
            return new InjectionDecision(headers, [], null);
        }

        var rewritten = new List<KeyValuePair<string, string>>(headers.Count);
        var injected = new List<string>();
        foreach (var header in headers)
        {
            var binding = bindings.FirstOrDefault(b =>
                (b.Header.Length == 0 || string.Equals(b.Header, header.Key, StringComparison.OrdinalIgnoreCase))
                && header.Value.Contains(b.Placeholder, StringComparison.OrdinalIgnoreCase));
            if (binding is not null && store.TryGetValue(binding.Credential, out var value))
            {
                // A binding that names its header owns the whole value; one that does not (the agent put the
                // placeholder where its tool wants it) has the placeholder text replaced in place.
                rewritten.Add(new(header.Key, binding.Header.Length == 0
                    ? header.Value.Replace(binding.Placeholder, value, StringComparison.OrdinalIgnoreCase)
                    : binding.Format.Replace(CredentialBinding.ValueToken, value, StringComparison.Ordinal)));
                injected.Add(binding.Credential);
            }
            else
            {
                rewritten.Add(header);
            }
        }

        return new InjectionDecision(rewritten, injected, null);
    }

    /// <summary>
    /// Replaces any real credential value in <paramref name="text"/> with a marker: an upstream that echoes a
    /// request header back (error pages, debug endpoints) must not hand the real value to the agent.
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in store.Values)
        {
            text = text.Replace(value, RedactedMarker, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>What <see cref="Redact"/> puts in place of a real value.</summary>
    public const string RedactedMarker = "[redacted-by-egress]";

    private static string? Refuse(CredentialBinding binding, bool isHttps, string host, EgressRule rule)
    {
        if (!isHttps)
        {
            return $"placeholder of credential '{binding.Credential}' sent over plain http to '{host}'";
        }

        if (!binding.Hosts.Any(h => h.Matches(host)))
        {
            return $"placeholder of credential '{binding.Credential}' sent to '{host}', which is not one of its hosts ({string.Join(", ", binding.Hosts)})";
        }

        if (!string.Equals(rule.Credential, binding.Credential, StringComparison.Ordinal))
        {
            return $"placeholder of credential '{binding.Credential}' sent on rule '{rule.Describe()}', which does not name that credential";
        }

        return null;
    }
}

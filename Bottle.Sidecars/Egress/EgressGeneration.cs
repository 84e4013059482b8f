using System.Net;
using Bottle.Sidecars.Egress.Upstream;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// One applied configuration: rules, sources, credentials and the upstream pools built for them. Requests hold
/// a reference while they run; the pools are disposed when the generation is replaced and its last request ends.
/// </summary>
internal sealed class EgressGeneration
{
    private int references = 1;

    private EgressGeneration(EgressOptions options, CredentialInjector injector, DialPolicy dialPolicy, UpstreamClient upstream)
    {
        Options = options;
        Injector = injector;
        DialPolicy = dialPolicy;
        Upstream = upstream;
    }

    public EgressOptions Options { get; }

    /// <summary>The policy pipelock's traffic is judged by.</summary>
    public EgressPolicy PipelockPolicy { get; private init; } = EgressPolicy.DenyAll;

    /// <summary>The policy git-gate's traffic is judged by.</summary>
    public EgressPolicy GitGatePolicy { get; private init; } = EgressPolicy.DenyAll;

    /// <summary>The policy for traffic from <paramref name="role"/>.</summary>
    public EgressPolicy PolicyFor(SourceRole role) => role == SourceRole.GitGate ? GitGatePolicy : PipelockPolicy;

    public CredentialInjector Injector { get; }

    public DialPolicy DialPolicy { get; }

    public UpstreamClient Upstream { get; }

    /// <summary>Builds a generation, or throws with a message naming what in the options is wrong.</summary>
    public static EgressGeneration Build(EgressOptions options, GuardedDialer dialer)
    {
        var store = options.CredentialsFile is null ? CredentialStore.Empty : CredentialStore.Load(options.CredentialsFile);
        var injector = new CredentialInjector(options.Bindings, store);
        var trust = options.ExtraCaFile is null ? UpstreamTrust.SystemOnly : UpstreamTrust.WithExtraCa(options.ExtraCaFile);
        var allowed = options.Rules.Concat(options.GitGateRules).Select(r => r.Cidr).OfType<IPNetwork>().ToList();
        var dialPolicy = new DialPolicy(allowed, options.BottleSubnets);
        return new EgressGeneration(options, injector, dialPolicy, new UpstreamClient(dialer, dialPolicy, trust, options.ConnectTimeout))
        {
            PipelockPolicy = new EgressPolicy([.. options.Rules], 1),
            GitGatePolicy = new EgressPolicy([.. options.GitGateRules], 1),
        };
    }

    /// <summary>What a source address may do: null when it is neither pipelock nor git-gate.</summary>
    public SourceRole? RoleOf(IPAddress address)
    {
        var normalized = AddressClassifier.Normalize(address);
        if (Options.GitGateSources.Any(a => AddressClassifier.Normalize(a).Equals(normalized)))
        {
            return SourceRole.GitGate;
        }

        return Options.PipelockSources.Any(a => AddressClassifier.Normalize(a).Equals(normalized)) ? SourceRole.Pipelock : null;
    }

    /// <summary>Takes a reference for one request; false when the generation is already retired and disposed.</summary>
    public bool TryAcquire()
    {
        var current = Volatile.Read(ref references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Drops a reference; the last one disposes the upstream pools.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            Upstream.Dispose();
        }
    }
}

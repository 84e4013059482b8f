using System.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// Everything the egress sidecar needs: where it listens, who may talk to it, the allow rules (the same ones
/// pipelock enforces), the credentials and their bindings, and the upstream trust settings.
/// </summary>
public sealed record EgressOptions
{
    /// <summary>The address to listen on: the egress container's address on the sidecar network.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>pipelock's addresses on the sidecar network: may send intercepted HTTP and CONNECT to non-SSH ports.</summary>
    public IReadOnlyList<IPAddress> PipelockSources { get; init; } = [];

    /// <summary>git-gate's addresses: may CONNECT to allowlisted git hosts on port 22 (and to allowed HTTPS ports).</summary>
    public IReadOnlyList<IPAddress> GitGateSources { get; init; } = [];

    /// <summary>The allow rules for pipelock's traffic; default-deny.</summary>
    public IReadOnlyList<EgressRule> Rules { get; init; } = [];

    /// <summary>The allow rules for git-gate's traffic (its remotes' hosts and ports); default-deny.</summary>
    public IReadOnlyList<EgressRule> GitGateRules { get; init; } = [];

    /// <summary>The bottle's own subnets, never dialled.</summary>
    public IReadOnlyList<IPNetwork> BottleSubnets { get; init; } = [];

    /// <summary>Path of the credentials file (JSON object of name to value, mode 0600); null when the bottle has none.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>Which placeholder stands for which credential, and where it may be injected.</summary>
    public IReadOnlyList<CredentialBinding> Bindings { get; init; } = [];

    /// <summary>An extra PEM CA bundle trusted for upstream TLS on top of the system store (private registries, tests).</summary>
    public string? ExtraCaFile { get; init; }

    /// <summary>How much of a request body is scanned for placeholders (bytes).</summary>
    public int BodyScanLimit { get; init; } = 64 * 1024;

    /// <summary>The largest request head accepted from a source (bytes).</summary>
    public int MaxRequestHeadBytes { get; init; } = 64 * 1024;

    /// <summary>How long an upstream connect plus TLS handshake may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The options the <c>egress</c> role runs with. Clients named in <see cref="Configuration.EgressConfig.GitGateClients"/> are
    /// git-gate, the others pipelock. The credentials file is required only when some placeholder is bound.
    /// </summary>
    public static EgressOptions FromConfig(Configuration.EgressConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var gitGate = (config.GitGateClients ?? []).Select(a => Address(a, "gitGateClients")).ToList();
        return new EgressOptions
        {
            Listen = new IPEndPoint(Address(config.Proxy.Address, "proxy.address"), config.Proxy.Port),
            PipelockSources = [.. config.Clients.Select(a => Address(a, "clients")).Where(a => !gitGate.Contains(a))],
            GitGateSources = gitGate,
            Rules = config.Rules,
            GitGateRules = config.GitGateRules,
            CredentialsFile = config.Placeholders.Count == 0 ? null : config.CredentialsPath,
            Bindings = [.. config.Placeholders.Select(p => new CredentialBinding(p.Placeholder.ToLowerInvariant(), p.Credential, p.Hosts, p.Header ?? "", p.Format))],
            ExtraCaFile = config.ExtraCaPath,
            BottleSubnets = [.. (config.BottleSubnets ?? []).Select(s => Subnet(s, "bottleSubnets"))],
        };
    }

    private static IPNetwork Subnet(string text, string field) =>
        IPNetwork.TryParse(text, out var subnet) ? subnet : throw new Configuration.SidecarConfigException($"{field}: '{text}' is not a CIDR");

    private static IPAddress Address(string text, string field) =>
        IPAddress.TryParse(text, out var address) ? address : throw new Configuration.SidecarConfigException($"{field}: '{text}' is not an IP address");
}

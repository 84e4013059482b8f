using System.Net;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.GitGateBench;

/// <summary>
/// The real <c>bottle-sidecars egress --config FILE</c> process, the one door git-gate's ssh goes through (CONNECT from
/// <c>bottle-sidecars connect</c>): it serves 127.0.0.1 as git-gate only, and git-gate may reach 127.0.0.0/8 on the
/// ssh upstream's port and nothing else (a manifest CIDR rule, as a bottle's loopback tests use).
/// </summary>
internal sealed class EgressSidecar(SidecarProcess process, string proxyUrl) : IAsyncDisposable
{
    /// <summary>egress's proxy, as git-gate's config names it.</summary>
    public string ProxyUrl { get; } = proxyUrl;

    public SidecarProcess Process { get; } = process;

    public static async Task<EgressSidecar> StartAsync(string executable, string root, int sshPort)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "egress")).FullName;
        var proxyPort = SidecarProcess.FreePort();
        var adminPort = SidecarProcess.FreePort();
        var config = new EgressConfig(
            new ListenEndpoint("127.0.0.1", proxyPort),
            new ListenEndpoint("127.0.0.1", adminPort),
            Clients: ["127.0.0.1"],
            Rules: [],
            GitGateRules: [new EgressRule(null, IPNetwork.Parse("127.0.0.0/8"), [sshPort], [], [], null)],
            Placeholders: [],
            CredentialsPath: Path.Combine(dir, "credentials.json"),
            ExtraCaPath: null,
            AuditPath: Path.Combine(dir, "audit.jsonl"),
            GitGateClients: ["127.0.0.1"]);
        var configPath = Path.Combine(dir, "egress.yaml");
        await File.WriteAllTextAsync(configPath, SidecarConfigJson.Serialize(config));
        var process = await SidecarProcess.StartAsync(executable, "egress", configPath, adminPort, new Dictionary<string, string>());
        return new EgressSidecar(process, $"http://127.0.0.1:{proxyPort}");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

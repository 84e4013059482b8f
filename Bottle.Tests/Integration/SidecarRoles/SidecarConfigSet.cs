using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Tls;

namespace Bottle.Tests.Integration.SidecarRoles;

/// <summary>
/// A temp folder holding <c>pipelock.yaml</c>, <c>egress.yaml</c> and <c>git-gate.yaml</c> (the contract records as
/// the launch renders them) for sidecars on free loopback ports, plus a fresh bottle CA. Deleted on dispose.
/// </summary>
internal sealed class SidecarConfigSet : IDisposable
{
    private SidecarConfigSet(string directory, PipelockConfig pipelock, EgressConfig egress, GitGateConfig gitGate)
    {
        Directory = directory;
        Pipelock = pipelock;
        Egress = egress;
        GitGate = gitGate;
    }

    public string Directory { get; }

    public PipelockConfig Pipelock { get; }

    public EgressConfig Egress { get; }

    public GitGateConfig GitGate { get; }

    public string AuditPath => Path.Combine(Directory, "audit.jsonl");

    public static SidecarConfigSet Create(IReadOnlyList<EgressRule> rules)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("sidecar-configs-").FullName;
        using (CertificateAuthority.Create(Path.Combine(dir, "bottle"), TimeProvider.System))
        {
        }

        var audit = Path.Combine(dir, "audit.jsonl");
        var egressPort = FreePort();
        var pipelock = new PipelockConfig(
            Loopback(FreePort()), Loopback(0), $"http://127.0.0.1:{egressPort}", rules, DlpSettings.Default, [],
            Path.Combine(dir, "bottle", CertificateAuthority.CertificateFileName), Path.Combine(dir, "bottle", CertificateAuthority.KeyFileName), audit);
        var egress = new EgressConfig(
            Loopback(egressPort), Loopback(0), ["127.0.0.1"], rules, [], [], Path.Combine(dir, "credentials.json"), null, audit);
        var gitGate = new GitGateConfig(
            Loopback(FreePort()), Loopback(0), [], DlpSettings.Default, $"http://127.0.0.1:{egressPort}", audit, Path.Combine(dir, "findings.sarif"));
        var set = new SidecarConfigSet(dir, pipelock, egress, gitGate);
        set.Write("pipelock", SidecarConfigJson.Serialize(pipelock));
        set.Write("egress", SidecarConfigJson.Serialize(egress));
        set.Write("git-gate", SidecarConfigJson.Serialize(gitGate));
        return set;
    }

    public string PathOf(string role) => Path.Combine(Directory, role + ".yaml");

    public void Write(string role, string text) => File.WriteAllText(PathOf(role), text);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>A port free right now (the OS picks it; the sidecar binds it moments later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ListenEndpoint Loopback(int port) => new("127.0.0.1", port);
}

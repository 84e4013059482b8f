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

    /// <summary>Configs for sidecars on free loopback ports, every path in the temp folder.</summary>
    public static SidecarConfigSet Create(IReadOnlyList<EgressRule> rules) => Create(rules, inContainer: false);

    /// <summary>
    /// Configs for one container that mounts the folder at <see cref="SidecarPaths.ConfigDirectory"/>: fixed
    /// ports on 0.0.0.0, paths as the container sees them, files readable by the image's non-root user.
    /// </summary>
    public static SidecarConfigSet CreateForContainer(IReadOnlyList<EgressRule> rules) => Create(rules, inContainer: true);

    private static SidecarConfigSet Create(IReadOnlyList<EgressRule> rules, bool inContainer)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("sidecar-configs-").FullName;
        using (CertificateAuthority.Create(Path.Combine(dir, "bottle"), TimeProvider.System))
        {
        }

        var root = inContainer ? SidecarPaths.ConfigDirectory : dir;
        var audit = inContainer ? "/tmp/audit.jsonl" : Path.Combine(dir, "audit.jsonl");
        var address = inContainer ? "0.0.0.0" : "127.0.0.1";
        var egressPort = inContainer ? SidecarPorts.EgressProxy : FreePort();
        ListenEndpoint Listen(int containerPort) => new(address, inContainer ? containerPort : FreePort());
        var pipelock = new PipelockConfig(
            Listen(SidecarPorts.PipelockProxy), Listen(SidecarPorts.Admin), $"http://127.0.0.1:{egressPort}", rules, DlpSettings.Default, [],
            Path.Combine(root, "bottle", CertificateAuthority.CertificateFileName), Path.Combine(root, "bottle", CertificateAuthority.KeyFileName), audit);
        var egress = new EgressConfig(
            new ListenEndpoint(address, egressPort), Listen(SidecarPorts.Admin), ["127.0.0.1"], rules, [], [], Path.Combine(root, "credentials.json"), null, audit);
        var gitGate = new GitGateConfig(
            Listen(SidecarPorts.GitGateHttp), Listen(SidecarPorts.Admin), [], DlpSettings.Default, $"http://127.0.0.1:{egressPort}", audit, "/tmp/findings.sarif");
        var set = new SidecarConfigSet(dir, pipelock, egress, gitGate);
        set.Write("pipelock", SidecarConfigJson.Serialize(pipelock));
        set.Write("egress", SidecarConfigJson.Serialize(egress));
        set.Write("git-gate", SidecarConfigJson.Serialize(gitGate));
        if (inContainer && !OperatingSystem.IsWindows())
        {
            // A throwaway test CA: the container's non-root user must read it through the bind mount.
            foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Append(dir))
            {
                File.SetUnixFileMode(path, System.IO.Directory.Exists(path) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
            }
        }

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

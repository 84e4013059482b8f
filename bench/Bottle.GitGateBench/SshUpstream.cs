using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Bottle.GitGateBench;

/// <summary>
/// A loopback <c>sshd</c> serving the bench's bare repositories over ssh, as a real remote would: its own config file,
/// host key and authorized client key (all made here), listening on 127.0.0.1 only, killed by PID on dispose.
/// </summary>
internal sealed class SshUpstream : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";

    private readonly Process process;

    private SshUpstream(Process process, int port, string hostPublicKey, string clientKeyFile, string knownHostsFile)
    {
        this.process = process;
        Port = port;
        HostPublicKey = hostPublicKey;
        ClientKeyFile = clientKeyFile;
        KnownHostsFile = knownHostsFile;
    }

    public int Port { get; }

    /// <summary>sshd's host key, <c>&lt;type&gt; &lt;base64&gt;</c> (what git-gate pins as <c>hostKeys</c>).</summary>
    public string HostPublicKey { get; }

    /// <summary>The private key sshd accepts (git-gate's credential; the direct push's identity).</summary>
    public string ClientKeyFile { get; }

    /// <summary>A known_hosts file holding sshd's host key, for the direct push.</summary>
    public string KnownHostsFile { get; }

    /// <summary><c>GIT_SSH_COMMAND</c> for a direct push: the key, sshd's host key pinned, no config, no proxy.</summary>
    public string GitSshCommand =>
        $"ssh -F /dev/null -i {ClientKeyFile} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile={KnownHostsFile} -o GlobalKnownHostsFile=/dev/null";

    /// <summary>The ssh URL of the bare repository at <paramref name="path"/> (absolute).</summary>
    public string Url(string path) => string.Create(CultureInfo.InvariantCulture, $"ssh://{Environment.UserName}@127.0.0.1:{Port}{path}");

    /// <summary>Makes keys and a config under <paramref name="root"/>/sshd, starts sshd on a free loopback port and waits until it accepts.</summary>
    public static async Task<SshUpstream> StartAsync(string root)
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} is missing: the ssh upstream mode needs it (apt-get install -y openssh-server)");
        }

        var dir = Directory.CreateDirectory(Path.Combine(root, "sshd")).FullName;
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege-separation directory
        var hostKey = Path.Combine(dir, "host_ed25519");
        var clientKey = Path.Combine(dir, "client_ed25519");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "bench-host", "-f", hostKey);
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "bench-client", "-f", clientKey);
        File.Copy(clientKey + ".pub", Path.Combine(dir, "authorized_keys"));
        var hostPublicKey = string.Join(' ', File.ReadAllText(hostKey + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        var port = SidecarProcess.FreePort();
        var knownHosts = Path.Combine(dir, "known_hosts");
        File.WriteAllText(knownHosts, string.Create(CultureInfo.InvariantCulture, $"[127.0.0.1]:{port} {hostPublicKey}\n"));
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, string.Join('\n',
            $"Port {port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"AuthorizedKeysFile {Path.Combine(dir, "authorized_keys")}",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            $"AllowUsers {Environment.UserName}",
            "PidFile none",
            "MaxStartups 100",
            string.Empty));

        var info = new ProcessStartInfo(Sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("sshd did not start");
        process.ErrorDataReceived += (_, _) => { }; // drained so sshd never blocks on a full pipe
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var upstream = new SshUpstream(process, port, hostPublicKey, clientKey, knownHosts);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"sshd exited {process.ExitCode} at start (config {config})");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return upstream;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50); // polling for the listener, with the deadline above
            }
        }
    }

    /// <summary>CPU seconds of sshd and its reaped per-connection children (git-receive-pack on the remote side).</summary>
    public double CpuSeconds()
    {
        // A push's session process is reaped by sshd just after the client sees the push end: wait (bounded) for it.
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        var deadline = Stopwatch.StartNew();
        while (File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim().Length > 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(5); // polling for the session to be reaped, with the deadline above
        }

        return CpuTime.Read(pid, children: true);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static void Run(string file, params string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true }) ?? throw new InvalidOperationException($"{file} did not start");
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {run.ExitCode}: {error}");
        }
    }
}

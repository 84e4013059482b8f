using System.Globalization;

namespace Bottle.Sidecars.GitGate.Ssh;

/// <summary>
/// The environment git needs to reach an ssh remote the way git-gate must: only through egress (a
/// <c>ProxyCommand</c> that is <c>bottle-sidecars connect</c>), with only the remote's own key, and trusting only the
/// host keys the manifest pins (a known_hosts file written here; an unknown or changed host key fails closed).
/// </summary>
public static class SshRemoteEnvironment
{
    /// <summary>The sidecar binary's name; the ProxyCommand runs it from the folder the running sidecar lives in.</summary>
    public const string SidecarExecutableName = "bottle-sidecars";

    /// <summary>
    /// Writes <paramref name="directory"/>/<c>&lt;remote&gt;.known_hosts</c> (0600) and returns <c>GIT_SSH_COMMAND</c>
    /// (plus <c>GIT_SSH_VARIANT</c>) for git commands that talk to the remote.
    /// </summary>
    /// <param name="remoteName">The remote's name (names the known_hosts file).</param>
    /// <param name="host">The remote's host name, as ssh's <c>%h</c> will be.</param>
    /// <param name="port">The remote's ssh port.</param>
    /// <param name="hostKeys">Pinned host keys, each <c>&lt;type&gt; &lt;base64&gt;</c>; at least one.</param>
    /// <param name="identityFile">The private key file git-gate authenticates with, or null for none.</param>
    /// <param name="egressProxy">egress's proxy, as a URL (<c>http://10.202.7.4:3129</c>) or <c>host:port</c>.</param>
    /// <param name="sidecarExecutable">The <c>bottle-sidecars</c> binary the ProxyCommand runs.</param>
    /// <param name="directory">Where the known_hosts file goes (git-gate's private state folder).</param>
    public static IReadOnlyDictionary<string, string> Create(
        string remoteName,
        string host,
        int port,
        IReadOnlyList<string> hostKeys,
        string? identityFile,
        string egressProxy,
        string sidecarExecutable,
        string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remoteName);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(hostKeys);
        ArgumentException.ThrowIfNullOrWhiteSpace(egressProxy);
        ArgumentException.ThrowIfNullOrWhiteSpace(sidecarExecutable);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (hostKeys.Count == 0)
        {
            // No pinned key would make ssh refuse every connection anyway; say why at start instead.
            throw new ArgumentException($"remote '{remoteName}': no pinned host key for {host}; an ssh remote needs hostKeys", nameof(hostKeys));
        }

        Directory.CreateDirectory(directory);
        var knownHosts = Path.Combine(directory, remoteName + ".known_hosts");
        var pattern = port == 22 ? host : string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}");
        var lines = hostKeys.Select(k => $"{pattern} {string.Join(' ', k.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))}\n");
        File.WriteAllText(knownHosts, string.Concat(lines));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(knownHosts, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var proxy = egressProxy.Contains("://", StringComparison.Ordinal) ? new Uri(egressProxy).Authority : egressProxy;
        List<string> command =
        [
            "ssh",
            // No config file but ours: nothing in ~/.ssh or /etc/ssh can add a key, a host or another proxy.
            "-F", "/dev/null",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", $"UserKnownHostsFile={Checked(knownHosts)}",
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "UpdateHostKeys=no",
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none",
            "-o", "ConnectTimeout=30",
            // ssh runs the ProxyCommand through a shell; every word here is checked to need no quoting.
            "-o", $"'ProxyCommand={Checked(sidecarExecutable)} connect {Checked(proxy)} %h %p'",
        ];
        if (identityFile is not null)
        {
            command.InsertRange(3, ["-i", Checked(identityFile)]);
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_SSH_COMMAND"] = string.Join(' ', command),
            ["GIT_SSH_VARIANT"] = "ssh",
        };
    }

    // GIT_SSH_COMMAND goes through sh: a path with a quote, space or '$' could run something else, so refuse it (fail closed).
    private static string Checked(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '+' or '@' or '=')
            ? word
            : throw new ArgumentException($"'{word}' cannot be passed to ssh safely: only letters, digits and / . _ - : + @ = are allowed", nameof(word));
}

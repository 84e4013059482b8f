using Bottle.Sidecars.GitGate.Ssh;

namespace Bottle.Tests.Unit.GitGate;

[TestClass]
public sealed class SshRemoteEnvironmentTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    [TestMethod]
    public void Ssh_command_uses_only_the_remote_key_the_pinned_hosts_and_the_egress_tunnel()
    {
        var directory = Directory.CreateTempSubdirectory("ssh-env-").FullName;
        try
        {
            var env = SshRemoteEnvironment.Create("origin", "github.com", 22, [Key], "/run/bottle/git/github-ssh", "http://10.202.7.4:3129", "/opt/bottle-sidecars/bottle-sidecars", directory);

            var command = env["GIT_SSH_COMMAND"];
            var knownHosts = Path.Combine(directory, "origin.known_hosts");
            StringAssert.StartsWith(command, "ssh -F /dev/null -i /run/bottle/git/github-ssh ");
            foreach (var option in new[]
            {
                "-o BatchMode=yes", "-o StrictHostKeyChecking=yes", $"-o UserKnownHostsFile={knownHosts}", "-o GlobalKnownHostsFile=/dev/null",
                "-o IdentitiesOnly=yes", "-o 'ProxyCommand=/opt/bottle-sidecars/bottle-sidecars connect 10.202.7.4:3129 %h %p'",
            })
            {
                StringAssert.Contains(command, option);
            }

            Assert.AreEqual($"github.com {Key}\n", File.ReadAllText(knownHosts));
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(knownHosts));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Non_default_port_is_pinned_in_brackets_as_ssh_looks_it_up()
    {
        var directory = Directory.CreateTempSubdirectory("ssh-env-").FullName;
        try
        {
            SshRemoteEnvironment.Create("up", "git.example.com", 2222, [Key + " comment"], null, "10.202.7.4:3129", "/opt/b/bottle-sidecars", directory);

            Assert.AreEqual($"[git.example.com]:2222 {Key}\n", File.ReadAllText(Path.Combine(directory, "up.known_hosts")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("/run/bottle/git/key; curl evil", DisplayName = "shell metacharacters in the key path")]
    [DataRow("/run/bottle/git/it's", DisplayName = "quote in the key path")]
    public void Words_that_would_need_shell_quoting_are_refused(string identity)
    {
        var directory = Directory.CreateTempSubdirectory("ssh-env-").FullName;
        try
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() =>
                SshRemoteEnvironment.Create("o", "h.example", 22, [Key], identity, "10.0.0.4:3129", "/opt/b/bottle-sidecars", directory));

            StringAssert.Contains(error.Message, "cannot be passed to ssh safely");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Ssh_remote_without_a_pinned_key_is_refused()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            SshRemoteEnvironment.Create("o", "h.example", 22, [], null, "10.0.0.4:3129", "/opt/b/bottle-sidecars", Path.GetTempPath()));

        StringAssert.Contains(error.Message, "no pinned host key for h.example");
    }
}

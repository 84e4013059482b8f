using System.Security.Cryptography;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Compose;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.RedTeam;

/// <summary>
/// Invariant 3: a real credential never enters the agent. A bottle is launched with a credential whose value only
/// the test knows; then everything the agent could read is searched for it: its environment as Docker and as the
/// processes see it, every process's arguments, every file of its filesystem and its image history. The same
/// search over egress (which must hold the value) proves the search would find it.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class AgentCredentialScanTests
{
    private static readonly TimeSpan UpDeadline = TimeSpan.FromMinutes(3);

    [TestMethod]
    public async Task The_agent_holds_only_the_placeholder_never_the_real_value()
    {
        var variable = $"BOTTLE_TEST_KEY_{RandomNumberGenerator.GetHexString(8)}";
        var secret = $"realkey{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            await using var bottle = await ComposeTestBottle.CreateAsync("creds", $"""
                egress:
                  allow:
                    - host: "api.example.test"
                      ports: [443]
                      credential: example
                credentials:
                  example:
                    source: {"{"} env: {variable} {"}"}
                    header: x-api-key
                    format: "{"{value}"}"
                    hosts: [api.example.test]
                    agentEnv: EXAMPLE_API_KEY
                """);
            await bottle.UpAsync(UpDeadline);
            var agent = Container(bottle, ComposeServiceNames.Agent);
            var egress = Container(bottle, "egress");

            // Positive controls: the agent sees the placeholder, and the same search finds the value in egress.
            var placeholder = bottle.Plan.Credentials.Single().Placeholder;
            Assert.IsNotNull(placeholder);
            var env = await DockerCommand.RunAsync("exec", agent, "env");
            StringAssert.Contains(env.StdOut, $"EXAMPLE_API_KEY={placeholder}");
            Assert.IsTrue(await FileSystemHoldsAsync(egress, secret), "the search must find the value where it belongs (egress)");

            // The attack surface: nothing the agent can read holds the real value.
            Assert.IsFalse(env.StdOut.Contains(secret, StringComparison.Ordinal), "agent environment");
            var inspect = await DockerCommand.RunAsync("inspect", agent);
            Assert.IsFalse(inspect.StdOut.Contains(secret, StringComparison.Ordinal), "docker inspect of the agent (env, args, mounts, labels)");
            var processes = await DockerCommand.RunAsync("exec", agent, "sh", "-c",
                "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; echo; tr '\\0' '\\n' < $p/environ 2>/dev/null; done");
            Assert.AreEqual(0, processes.ExitCode, processes.StdErr);
            Assert.IsFalse(processes.StdOut.Contains(secret, StringComparison.Ordinal), "process arguments and environments");
            Assert.IsFalse(await FileSystemHoldsAsync(agent, secret), "a file in the agent's filesystem");
            var image = (await DockerCommand.RunAsync("inspect", "--format", "{{.Config.Image}}", agent)).StdOut.Trim();
            var history = await DockerCommand.RunAsync("history", "--no-trunc", image);
            Assert.AreEqual(0, history.ExitCode, history.StdErr);
            Assert.IsFalse(history.StdOut.Contains(secret, StringComparison.Ordinal), "image history");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string Container(ComposeTestBottle bottle, string service) =>
        ComposeServiceNames.ContainerName(bottle.Plan.ComposeProject, service);

    /// <summary>
    /// Searches every file of the container's filesystem, once as its own user and once as root: with every
    /// capability dropped, root cannot read another user's 0600 files, so neither view alone sees everything.
    /// </summary>
    private static async Task<bool> FileSystemHoldsAsync(string container, string value)
    {
        string[] grep = ["grep", "-rlsF", "--exclude-dir=proc", "--exclude-dir=sys", "--exclude-dir=dev", "--", value, "/"];
        var asOwnUser = await DockerCommand.RunAsync(["exec", container, .. grep], CancellationToken.None);
        var asRoot = await DockerCommand.RunAsync(["exec", "-u", "0", container, .. grep], CancellationToken.None);
        return asOwnUser.StdOut.Trim().Length > 0 || asRoot.StdOut.Trim().Length > 0;
    }
}

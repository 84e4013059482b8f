using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.AppHost.Testing;
using Bottle.Tests.Integration.GitGate;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// git in a real bottle started with <see cref="BottleTesting"/>, end to end over ssh: the agent clones, commits and
/// pushes the real remote's URL (the shim's <c>insteadOf</c> sends it to git-gate), git-gate scans and pushes over
/// ssh through egress's CONNECT tunnel (its key, its pinned host key) to a real sshd (<see cref="TestSshUpstream"/>)
/// on a network only egress is connected to. The upstream is checked by reading the repository in the sshd container.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class GitSshEndToEndTests
{
    private const string GitHost = "git.e2e.test";
    private const string RemoteUrl = $"git@{GitHost}:{TestSshUpstream.RepositoryPath}";
    private const string Identity = "-c user.name=Agent -c user.email=agent@e2e.test";

    private static TestSshUpstream? upstream;
    private static RunningBottle? bottle;
    private static string? manifestDirectory;

    private static RunningBottle Bottle => bottle ?? throw new InvalidOperationException("the class bottle did not start");

    private static TestSshUpstream Upstream => upstream ?? throw new InvalidOperationException("the class upstream did not start");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agentImage = await BottleImages.AgentAsync();
        var sidecarImage = await BottleImages.SidecarsAsync();
        upstream = await TestSshUpstream.StartAsync(GitHost);
        manifestDirectory = Directory.CreateTempSubdirectory("bottle-e2e-git-").FullName;
        var manifest = Path.Combine(manifestDirectory, "e2e-git.yaml");

        // The cidr rule only makes the test network's private addresses dialable for egress (a real git host has a
        // public address); the name and port 22 are git-gate's alone (planned from git.remotes, never the agent's).
        await File.WriteAllTextAsync(manifest, $"""
            name: e2e-git
            agent:
              image: {agentImage}
            egress:
              allow:
                - cidr: {Upstream.Network.Subnet}
                  ports: [22]
            git:
              remotes:
                - name: origin
                  url: "{RemoteUrl}"
                  push: ["refs/heads/*"]
                  credential: deploy
                  hostKeys: ["{Upstream.HostPublicKey}"]
            credentials:
              deploy:
                source:
                  file: {Upstream.ClientKeyFile}
                hosts: [{GitHost}]
            """, context.CancellationToken);

        // git-gate fills its mirror over egress at start, so egress must join the test network while the bottle comes
        // up: the instance is fixed here so the egress container's name is known, and it is connected as soon as it exists.
        var instance = $"t{Guid.NewGuid():N}"[..12];
        var egress = ComposeServiceNames.ContainerName($"bottle-{BottleSlug.Create("e2e-git", instance)}", "egress");
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var connecting = ConnectWhenCreatedAsync(egress, starting.Token);
        try
        {
            bottle = await BottleTesting.StartAsync(
                manifest,
                new BottleTestingOptions { SidecarImage = sidecarImage, Instance = instance, Progress = Console.WriteLine },
                context.CancellationToken);
        }
        finally
        {
            await starting.CancelAsync();
        }

        Assert.IsTrue(await connecting, $"egress ({egress}) was never connected to the test network {Upstream.Network.Name}");
    }

    [ClassCleanup]
    public static Task StopAsync() => ClassResources.ReleaseAsync(manifestDirectory, bottle, upstream);

    [TestMethod]
    public async Task Clone_commit_and_push_origin_in_the_agent_land_in_the_upstream_over_ssh()
    {
        var work = $"/tmp/clean-{Guid.NewGuid():N}";
        var push = await Bottle.ExecAsync(
            $"git clone -q {RemoteUrl} {work} && cd {work} && echo 'from the agent' > agent.txt && git add agent.txt " +
            $"&& git {Identity} commit -q -m 'agent change' && git push origin && git rev-parse HEAD",
            TestContext.CancellationToken);

        Assert.AreEqual(0, push.ExitCode, push.StdErr);
        var head = push.StdOut.Trim().Split('\n')[^1];
        Assert.AreEqual(head, await Upstream.RefAsync("refs/heads/main"), $"the agent's commit is not on the upstream's main:\n{push.StdErr}\n{GitGateLog()}");
        var tunnel = await Bottle.WaitForAuditEventAsync(e => e.Sidecar == "egress" && e.Method == "CONNECT" && e.Host == GitHost && e.Decision == "allow", TestContext.CancellationToken);
        Assert.AreEqual(22, tunnel.Raw.GetProperty("port").GetInt32(), tunnel.Raw.ToString());
    }

    [TestMethod]
    public async Task Push_whose_second_to_last_commit_adds_a_private_key_is_rejected_with_a_remote_finding_and_upstream_unchanged()
    {
        var key = await File.ReadAllTextAsync(await NewPrivateKeyFileAsync(), TestContext.CancellationToken);
        var work = $"/tmp/leak-{Guid.NewGuid():N}";
        var prepare = await Bottle.ExecAsync(
            [
                "sh", "-c",
                $"git clone -q {RemoteUrl} {work} && cd {work} " +
                $"&& echo one > one.txt && git add one.txt && git {Identity} commit -q -m 'one' " +
                $"&& mkdir -p deploy && printf '%s' \"$1\" > deploy/id_ed25519 && git add deploy && git {Identity} commit -q -m 'add deploy key' && git rev-parse HEAD " +
                $"&& git rm -q deploy/id_ed25519 && git {Identity} commit -q -m 'remove deploy key'",
                "sh", key,
            ],
            TestContext.CancellationToken);
        Assert.AreEqual(0, prepare.ExitCode, prepare.StdErr);
        var withKey = prepare.StdOut.Trim().Split('\n')[^1];
        var before = await Upstream.RefAsync("refs/heads/main");

        var push = await Bottle.ExecAsync($"cd {work} && git push origin", TestContext.CancellationToken);

        Assert.AreNotEqual(0, push.ExitCode, $"the push with a private key in its history was accepted:\n{push.StdErr}\n{GitGateLog()}");
        var finding = push.StdErr.Split('\n').FirstOrDefault(l => l.StartsWith("remote:", StringComparison.Ordinal) && l.Contains("deploy/id_ed25519:", StringComparison.Ordinal));
        Assert.IsNotNull(finding, $"no remote: finding line naming the file in:\n{push.StdErr}");
        StringAssert.Contains(finding, $"commit {withKey[..12]}");
        StringAssert.Contains(finding, "rule openssh-private-key");
        Assert.AreEqual(before, await Upstream.RefAsync("refs/heads/main"), "the upstream moved");
        Assert.DoesNotContain(key.Split('\n')[1], push.StdErr, "the rejection must not echo the key");
        var sarif = await File.ReadAllTextAsync(Path.Combine(Bottle.StateDirectory, "findings", "findings.sarif"), TestContext.CancellationToken);
        StringAssert.Contains(sarif, "openssh-private-key", "git-gate's SARIF in the state folder names the finding");
        StringAssert.Contains(sarif, withKey);
    }

    private static string GitGateLog() => "git-gate's log:\n" + string.Join('\n', Bottle.Logs.GetBacklog("git-gate").Select(l => l.Text));

    private static async Task<string> NewPrivateKeyFileAsync()
    {
        var path = Path.Combine(manifestDirectory!, $"leaked-{Guid.NewGuid():N}");
        await TestSshUpstream.GenerateKeyAsync(path);
        return path;
    }

    /// <summary>Connects <paramref name="container"/> to the test network as soon as Compose has created it.</summary>
    private static async Task<bool> ConnectWhenCreatedAsync(string container, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if ((await DockerCommand.RunAsync(["network", "connect", Upstream.Network.Name, container], CancellationToken.None)).ExitCode == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The bottle came up (or failed) before the container existed.
        }

        return false;
    }
}

using System.Security.Cryptography;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.AppHost.Testing;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// A git remote that is a bare repository on this machine, end to end in a real bottle started with
/// <see cref="BottleTesting"/>: launch creates the repository (it does not exist before), mounts it into git-gate
/// only, and inside the agent, in the mounted workspace, <c>git push sandbox ...</c> goes through git-gate's scan
/// into the host repository. A push carrying a private key is refused with a <c>remote:</c> finding and the host
/// repository's ref stays where it was.
/// </summary>
[TestClass]
[DoNotParallelize]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalRemoteEndToEndTests
{
    private static RunningBottle? bottle;
    private static string? root;

    private static RunningBottle Bottle => bottle ?? throw new InvalidOperationException("the class bottle did not start");

    private static string Root => root ?? throw new InvalidOperationException("the class bottle did not start");

    private static string Remote => Path.Combine(Root, "remotes", "sandbox.git");

    private static string Workspace => Path.Combine(Root, "work");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agentImage = await BottleImages.AgentAsync();
        var sidecarImage = await BottleImages.SidecarsAsync();
        root = Directory.CreateTempSubdirectory("bottle-e2e-local-").FullName;
        Directory.CreateDirectory(Workspace);

        // The agent runs as uid 1000; whoever runs the tests owns the folder, so let the agent write its repositories in it.
        File.SetUnixFileMode(Workspace, (UnixFileMode)0b111_111_111);
        var manifest = Path.Combine(Root, "local.yaml");
        await File.WriteAllTextAsync(manifest, $$"""
            name: e2e-local
            agent:
              image: {{agentImage}}
              workspace: { path: ./work, mode: mount }
            git:
              remotes:
                - name: sandbox
                  url: ./remotes/sandbox.git
                  push: ["refs/heads/bottle/*"]
            """, context.CancellationToken);
        Assert.IsFalse(Directory.Exists(Path.Combine(Root, "remotes")), "launch must create the repository");

        // Generous: on a loaded machine the sidecars' first health probes alone can take minutes.
        bottle = await BottleTesting.StartAsync(manifest, new BottleTestingOptions { SidecarImage = sidecarImage, Progress = Console.WriteLine, StartTimeout = TimeSpan.FromMinutes(10) }, context.CancellationToken);
    }

    [ClassCleanup]
    public static Task StopAsync() => ClassResources.ReleaseAsync(root, bottle);

    [TestMethod]
    public async Task Launch_created_the_bare_repository_and_mounted_it_into_git_gate_only()
    {
        Assert.AreEqual("true", (await HostGitAsync("rev-parse", "--is-bare-repository")).Trim());
        var log = Bottle.Logs.GetBacklog(Bottle.Plan.ComposeProject).Select(l => l.Text).ToList();
        Assert.IsTrue(log.Any(l => l.Contains($"created the bare repository {Remote} (git init --bare --shared=group)", StringComparison.Ordinal)), string.Join("\n", log));

        var agentMounts = await DockerCommand.RunAsync(["inspect", "--format", "{{range .Mounts}}{{.Source}}\n{{end}}", Bottle.AgentContainer], TestContext.CancellationToken);
        Assert.AreEqual(0, agentMounts.ExitCode, agentMounts.StdErr);
        Assert.DoesNotContain(Remote, agentMounts.StdOut, "the agent must reach the repository only through git-gate");
        var gitGate = ComposeServiceNames.ContainerName(Bottle.Plan.ComposeProject, "git-gate");
        var gitGateMounts = await DockerCommand.RunAsync(["inspect", "--format", "{{range .Mounts}}{{.Source}} {{.RW}}\n{{end}}", gitGate], TestContext.CancellationToken);
        StringAssert.Contains(gitGateMounts.StdOut, $"{Remote} true");
    }

    [TestMethod]
    public async Task A_clean_commit_pushed_to_sandbox_from_the_mounted_workspace_lands_in_the_host_repository()
    {
        var push = await Bottle.ExecAsync(
            """
            set -e
            mkdir -p /workspace/clean && cd /workspace/clean
            git init --quiet
            echo 'hello from the bottle' > README.md
            git add README.md && git commit --quiet -m 'clean commit'
            git push sandbox HEAD:refs/heads/bottle/clean
            git rev-parse HEAD
            """,
            TestContext.CancellationToken);

        Assert.AreEqual(0, push.ExitCode, push.StdErr);
        StringAssert.Contains(push.StdErr, "remote: git-gate: scanned 1 new commit(s): no secrets");
        var head = push.StdOut.Trim().Split('\n')[^1];
        Assert.AreEqual(head, (await HostGitAsync("rev-parse", "refs/heads/bottle/clean")).Trim());

        // The remote came from the agent's environment: the repository's own config never heard of it.
        Assert.DoesNotContain("sandbox", await File.ReadAllTextAsync(Path.Combine(Workspace, "clean", ".git", "config"), TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task A_push_whose_earlier_commit_adds_a_private_key_is_rejected_and_the_host_ref_stays()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportPkcs8PrivateKeyPem();
        var result = await Bottle.ExecAsync(
            [
                "sh", "-c",
                """
                set -e
                mkdir -p /workspace/secret && cd /workspace/secret
                git init --quiet
                echo base > base.txt && git add base.txt && git commit --quiet -m base
                git push --quiet sandbox HEAD:refs/heads/bottle/secret
                git rev-parse HEAD
                mkdir -p deploy && printf '%s\n' "$1" > deploy/key.pem
                git add deploy && git commit --quiet -m 'add the deploy key'
                git rev-parse HEAD
                echo notes > notes.md && git add notes.md && git commit --quiet -m 'add notes'
                set +e
                git push sandbox HEAD:refs/heads/bottle/secret
                echo "push exit $?"
                """,
                "sh", key,
            ],
            TestContext.CancellationToken);

        Assert.AreEqual(0, result.ExitCode, result.StdErr);
        var lines = result.StdOut.Trim().Split('\n');
        var (baseCommit, leaky) = (lines[0], lines[1]);
        Assert.AreNotEqual("push exit 0", lines[^1], result.StdErr);
        var finding = result.StdErr.Split('\n').FirstOrDefault(l => l.Contains("deploy/key.pem:", StringComparison.Ordinal) && l.Contains($"  commit {leaky[..12]}  rule private-key", StringComparison.Ordinal));
        Assert.IsNotNull(finding, result.StdErr);
        Assert.StartsWith("remote:", finding, "git-gate's finding reaches the agent as a remote message");
        StringAssert.Contains(result.StdErr, "nothing was pushed upstream");
        Assert.DoesNotContain(key.Split('\n')[1], result.StdErr, "the agent must never be shown the key");

        var sarif = await File.ReadAllTextAsync(Path.Combine(Bottle.StateDirectory, "findings", "findings.sarif"), TestContext.CancellationToken);
        StringAssert.Contains(sarif, "private-key", "git-gate records the finding in the state directory");
        Assert.DoesNotContain(key.Split('\n')[1], sarif, "the findings file must not hold the key");

        Assert.AreEqual(baseCommit, (await HostGitAsync("rev-parse", "refs/heads/bottle/secret")).Trim(), "the host repository's ref must not move");
        var leaked = await DockerCli.RunProgramAsync("git", ["-C", Remote, "cat-file", "-e", leaky], TestContext.CancellationToken);
        Assert.AreNotEqual(0, leaked.ExitCode, "the leaky commit must not exist in the host repository");
    }

    private async Task<string> HostGitAsync(params string[] arguments) =>
        (await DockerCli.RunProgramAsync("git", ["-C", Remote, .. arguments], TestContext.CancellationToken))
            .EnsureSuccess($"git -C {Remote} {string.Join(' ', arguments)}");
}

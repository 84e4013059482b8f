using System.Runtime.Versioning;
using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;
using Bottle.AppHost.Runtimes.Compose;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Tests.Unit.Agent;
using YamlDotNet.RepresentationModel;

namespace Bottle.Tests.Unit.Compose;

/// <summary>
/// Launch-time preparation of local remotes with real git and a real file system (no Docker): a missing bare
/// repository is created shared with its group, unusable ones are refused, and git-gate joins the repository's group.
/// </summary>
[TestClass]
[UnsupportedOSPlatform("windows")]
public sealed class LocalRemotesTests
{
    public TestContext TestContext { get; set; } = null!;

    private static BottlePlan Plan(TempDirectory dir, string remote)
    {
        var loaded = ManifestLoader.Parse($$"""
            name: local
            agent: { image: agent:local, workspace: { path: {{dir["work"]}}, mode: mount } }
            git: { remotes: [ { name: sandbox, url: "{{remote}}" } ] }
            """, dir["local.yaml"]);
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
        return BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default);
    }

    [TestMethod]
    public async Task A_missing_repository_is_created_bare_and_shared_with_its_group_and_progress_says_so()
    {
        using var dir = new TempDirectory();
        var remote = dir["remotes/nested/sandbox.git"];
        var progress = new List<string>();

        var groups = await LocalRemotes.EnsureAsync(Plan(dir, remote), dir["state"], progress.Add, TestContext.CancellationToken);

        Assert.IsTrue(File.Exists(Path.Combine(remote, "HEAD")) && Directory.Exists(Path.Combine(remote, "objects")));
        Assert.AreEqual("true", (await Git(remote, "rev-parse", "--is-bare-repository")).Trim());
        Assert.AreEqual("1", (await Git(remote, "config", "core.sharedRepository")).Trim(), "--shared=group");
        var mode = File.GetUnixFileMode(Path.Combine(remote, "objects"));
        Assert.IsTrue(mode.HasFlag(UnixFileMode.GroupWrite) && mode.HasFlag(UnixFileMode.SetGroup), mode.ToString());
        Assert.AreEqual(1, progress.Count(p => p.Contains($"created the bare repository {remote} (git init --bare --shared=group)", StringComparison.Ordinal)), string.Join("\n", progress));
        Assert.AreEqual(int.Parse((await Run("stat", "-c", "%g", remote)).Trim(), System.Globalization.CultureInfo.InvariantCulture), groups.Single());

        // A second launch finds it and creates nothing.
        progress.Clear();
        await LocalRemotes.EnsureAsync(Plan(dir, remote), dir["state"], progress.Add, TestContext.CancellationToken);
        Assert.IsFalse(progress.Any(p => p.Contains("created", StringComparison.Ordinal)), string.Join("\n", progress));
    }

    [TestMethod]
    public async Task A_folder_that_is_not_a_bare_repository_is_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["notes"]);
        await File.WriteAllTextAsync(dir["notes/todo.txt"], "x", TestContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
            () => LocalRemotes.EnsureAsync(Plan(dir, dir["notes"]), dir["state"], null, TestContext.CancellationToken));

        StringAssert.Contains(error.Message, $"local remote 'sandbox': '{dir["notes"]}' exists but is not a bare git repository");
    }

    [TestMethod]
    public async Task A_repository_its_group_cannot_write_is_refused_with_the_fix()
    {
        using var dir = new TempDirectory();
        var remote = dir["private.git"];
        await Run("git", "init", "--quiet", "--bare", remote);
        await Run("chmod", "-R", "g-w", remote);

        var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
            () => LocalRemotes.EnsureAsync(Plan(dir, remote), dir["state"], null, TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "objects' is not group-writable");
        StringAssert.Contains(error.Message, "core.sharedRepository group");
    }

    [TestMethod]
    public async Task A_path_that_reaches_into_the_workspace_through_a_symbolic_link_is_refused_at_launch()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["work"]);
        Directory.CreateSymbolicLink(dir["elsewhere"], dir["work"]);
        var remote = dir["elsewhere/sandbox.git"];

        // The manifest cannot see through the link (it reads no disk), so launch must.
        var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
            () => LocalRemotes.EnsureAsync(Plan(dir, remote), dir["state"], null, TestContext.CancellationToken));

        StringAssert.Contains(error.Message, $"overlaps the agent's mount of '{dir["work"]}'");
        Assert.IsFalse(Directory.Exists(dir["work/sandbox.git"]), "nothing may be created inside the workspace");
    }

    [TestMethod]
    public void Git_gate_joins_the_repository_groups_and_home_paths_are_expanded_at_render()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir, "~/remotes/sandbox.git");

        var services = (YamlMappingNode)Parse(ComposeFileRenderer.Render(plan, dir["state"], [1234]))["services"];

        var gitGate = (YamlMappingNode)services["git-gate"];
        Assert.AreEqual("1234", ((YamlSequenceNode)gitGate["group_add"]).Single().ToString());
        foreach (var other in new[] { "pipelock", "egress", "agent" })
        {
            Assert.IsFalse(((YamlMappingNode)services[other]).Children.ContainsKey("group_add"), other);
        }

        // git-gate's mirrors (and their pre-receive hooks) live in its /tmp: Docker's default noexec there would skip the hook.
        Assert.AreEqual("/tmp:exec", ((YamlSequenceNode)gitGate["tmpfs"]).Single().ToString());
        Assert.AreEqual("/tmp", ((YamlSequenceNode)((YamlMappingNode)services["pipelock"])["tmpfs"]).Single().ToString());

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var mount = ((YamlSequenceNode)gitGate["volumes"]).Cast<YamlMappingNode>().Single(v => v["target"].ToString() == "/var/lib/bottle/remotes/sandbox.git");
        Assert.AreEqual(Path.Combine(home, "remotes/sandbox.git"), mount["source"].ToString());
        Assert.AreEqual("false", mount["read_only"].ToString());
    }

    [TestMethod]
    public async Task Git_gate_trusts_only_its_local_remotes_through_its_own_global_config()
    {
        using var dir = new TempDirectory();
        GitGateRemoteOptions[] remotes =
        [
            new() { Name = "sandbox", Url = "/var/lib/bottle/remotes/sandbox.git" },
            new() { Name = "origin", Url = "https://git.example.com/a.git" },
        ];

        var environment = LocalRemoteAccess.WriteConfig(remotes, dir["git/local.gitconfig"]);

        Assert.IsTrue(LocalRemoteAccess.IsLocal(remotes[0]));
        Assert.IsFalse(LocalRemoteAccess.IsLocal(remotes[1]));
        Assert.AreEqual(dir["git/local.gitconfig"], environment["GIT_CONFIG_GLOBAL"]);
        var listed = await Run("git", "config", "--file", dir["git/local.gitconfig"], "--get-all", "safe.directory");
        Assert.AreEqual("/var/lib/bottle/remotes/sandbox.git", listed.Trim());
    }

    private static Task<string> Git(string repository, params string[] arguments) => Run("git", ["-C", repository, .. arguments]);

    private static async Task<string> Run(string program, params string[] arguments)
    {
        var result = await DockerCli.RunProgramAsync(program, arguments, CancellationToken.None);
        return result.EnsureSuccess($"{program} {string.Join(' ', arguments)}");
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}

using System.Runtime.Versioning;
using Bottle.Agent.Shim;
using Bottle.Agent.Workspace;

namespace Bottle.Tests.Unit.Agent;

[UnsupportedOSPlatform("windows")]
[TestClass]
public sealed class WorkspacePreparerTests
{
    private static readonly WorkspacePreparer Preparer = new(TimeProvider.System);

    [TestMethod]
    public async Task Mount_returns_the_bind_mounted_directory()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["workspace"]);

        var workdir = await Preparer.PrepareAsync(WorkspaceMode.Mount, temp["workspace"], null, new Dictionary<string, string>(), temp["lock"], CancellationToken.None);

        Assert.AreEqual(temp["workspace"], workdir);
    }

    [TestMethod]
    public async Task A_missing_mount_is_an_error_naming_the_directory()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(
            () => Preparer.PrepareAsync(WorkspaceMode.Mount, temp["absent"], null, new Dictionary<string, string>(), temp["lock"], CancellationToken.None));

        StringAssert.Contains(ex.Message, temp["absent"]);
        StringAssert.Contains(ex.Message, "bind-mounted");
    }

    [TestMethod]
    public async Task Clone_clones_an_empty_workdir_over_http_and_reuses_it_afterwards()
    {
        using var temp = new TempDirectory();
        var env = GitRewritesTests.IsolatedGitEnvironment(temp);
        await using var server = await DumbHttpGitServer.StartAsync(temp, env, "README.md");
        Directory.CreateDirectory(temp["workspace"]);

        await Preparer.PrepareAsync(WorkspaceMode.Clone, temp["workspace"], server.Url, env, temp["lock"], CancellationToken.None);

        Assert.AreEqual("seeded\n", File.ReadAllText(temp["workspace/README.md"]));
        Assert.AreEqual(server.Url, await GitRewritesTests.GitAsync(env, temp["workspace"], "remote", "get-url", "origin"));

        // The agent's work survives the next exec: the clone is reused, not redone.
        File.WriteAllText(temp["workspace/work.txt"], "agent's work");
        await Preparer.PrepareAsync(WorkspaceMode.Clone, temp["workspace"], server.Url, env, temp["lock"], CancellationToken.None);
        Assert.AreEqual("agent's work", File.ReadAllText(temp["workspace/work.txt"]));
    }

    [TestMethod]
    public async Task Clone_refuses_a_workdir_with_other_files_and_leaves_them_alone()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["workspace"]);
        File.WriteAllText(temp["workspace/host-file"], "x");

        var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(() => Preparer.PrepareAsync(
            WorkspaceMode.Clone, temp["workspace"], "http://127.0.0.1:9/origin.git", new Dictionary<string, string>(), temp["lock"], CancellationToken.None));

        StringAssert.Contains(ex.Message, "neither empty nor a git repository");
        CollectionAssert.AreEqual(new[] { temp["workspace/host-file"] }, Directory.GetFileSystemEntries(temp["workspace"]));
    }

    [TestMethod]
    [DataRow(null, "needs the repository's git-gate URL")]
    [DataRow("/srv/host/repo", "is not an http(s) URL")]
    [DataRow("file:///srv/host/repo", "is not an http(s) URL")]
    public async Task Clone_accepts_only_an_http_url(string? url, string expected)
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(
            () => Preparer.PrepareAsync(WorkspaceMode.Clone, temp["workspace"], url, new Dictionary<string, string>(), temp["lock"], CancellationToken.None));

        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public async Task A_failed_clone_reports_gits_error()
    {
        using var temp = new TempDirectory();
        var env = GitRewritesTests.IsolatedGitEnvironment(temp);
        await using var server = await DumbHttpGitServer.StartAsync(temp, env, "README.md");

        var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(() => Preparer.PrepareAsync(
            WorkspaceMode.Clone, temp["workspace"], server.Url.Replace("origin.git", "absent.git", StringComparison.Ordinal), env, temp["lock"], CancellationToken.None));

        StringAssert.Contains(ex.Message, "git clone of");
        StringAssert.Contains(ex.Message, "absent.git");
    }
}

using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;

// Expected values are one-off array literals in assertions, not repeated hot-path allocations.
#pragma warning disable CA1861

namespace Bottle.Tests.Unit.Planning;

/// <summary>A local bare repository as a git remote: how the manifest reads it and what the plan does with it.</summary>
[TestClass]
public sealed class LocalRemotePlanTests
{
    private const string Manifest = """
        name: local
        agent:
          image: agent:local
          workspace: { path: ../work, mode: mount }
        git:
          remotes:
            - { name: sandbox, url: ../remotes/sandbox.git, push: ["refs/heads/bottle/*"] }
            - { name: origin, url: "https://git.example.com/acme/app.git" }
        """;

    private static BottleManifest Load(string yaml = Manifest, string path = "/m/bottles/local.yaml")
    {
        var loaded = ManifestLoader.Parse(yaml, path);
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
        return loaded.Manifest!;
    }

    private static string[] Errors(string yaml, string path = "/m/bottles/local.yaml")
    {
        var loaded = ManifestLoader.Parse(yaml, path);
        Assert.IsFalse(loaded.Succeeded, "the manifest should be refused");
        return [.. loaded.FormatErrors()];
    }

    [TestMethod]
    [DataRow("../remotes/sandbox.git", "/m/remotes/sandbox.git", DisplayName = "relative to the manifest's folder")]
    [DataRow("./sandbox.git", "/m/bottles/sandbox.git", DisplayName = "./ relative")]
    [DataRow("/srv/git/sandbox.git", "/srv/git/sandbox.git", DisplayName = "absolute")]
    [DataRow("~/.local/share/bottle/remotes/s.git", "~/.local/share/bottle/remotes/s.git", DisplayName = "home, kept for launch")]
    public void A_path_url_is_a_local_remote_resolved_like_every_manifest_path(string url, string expected)
    {
        var remote = Load(Manifest.Replace("../remotes/sandbox.git", url, StringComparison.Ordinal)).GitRemotes[0];

        Assert.IsTrue(remote.Url.IsLocal);
        Assert.AreEqual(GitRemoteUrl.Local(expected), remote.Url);
        Assert.AreEqual(string.Empty, remote.Url.Host);
    }

    [TestMethod]
    public void A_remote_inside_the_mounted_workspace_is_refused_with_line_and_column()
    {
        var errors = Errors(Manifest.Replace("../remotes/sandbox.git", "../work/.git-remotes/sandbox.git", StringComparison.Ordinal));

        Assert.HasCount(1, errors, string.Join("\n", errors));
        Assert.StartsWith(
            "/m/bottles/local.yaml:7:29: git.remotes[0].url: '/m/work/.git-remotes/sandbox.git' is inside the agent's mounted workspace '/m/work'",
            errors[0]);
        StringAssert.Contains(errors[0], "bypassing git-gate");
    }

    [TestMethod]
    [DataRow("../work", DisplayName = "the workspace itself")]
    [DataRow("..", DisplayName = "a folder holding the workspace")]
    [DataRow("../work/", DisplayName = "trailing slash")]
    public void A_remote_that_is_or_holds_the_workspace_is_refused(string url)
    {
        var errors = Errors(Manifest.Replace("../remotes/sandbox.git", url, StringComparison.Ordinal));

        Assert.HasCount(1, errors, string.Join("\n", errors));
        StringAssert.Contains(errors[0], "git.remotes[0].url:");
        StringAssert.Contains(errors[0], "bypassing git-gate");
    }

    [TestMethod]
    public void Home_paths_are_compared_where_they_really_point()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var yaml = Manifest
            .Replace("../work", home + "/project", StringComparison.Ordinal)
            .Replace("../remotes/sandbox.git", "~/project/sandbox.git", StringComparison.Ordinal);

        var errors = Errors(yaml);

        Assert.HasCount(1, errors, string.Join("\n", errors));
        StringAssert.Contains(errors[0], "'~/project/sandbox.git' is inside the agent's mounted workspace");
    }

    [TestMethod]
    public void A_clone_workspace_mounts_nothing_so_any_local_path_is_accepted()
    {
        var manifest = Load(Manifest.Replace("{ path: ../work, mode: mount }", "{ mode: clone, remote: sandbox }", StringComparison.Ordinal));

        Assert.AreEqual(new WorkspaceSpec(WorkspaceMode.Clone, null, "sandbox"), manifest.Agent.Workspace);
    }

    [TestMethod]
    public void A_file_url_is_refused_with_the_path_forms_named()
    {
        var errors = Errors("name: t\nagent: { image: x }\ngit: { remotes: [ { name: s, url: 'file:///srv/s.git' } ] }\n");

        Assert.HasCount(1, errors);
        StringAssert.Contains(errors[0], "3:35: git.remotes[0].url: 'file:///srv/s.git' is not a remote bottle can push to");
        StringAssert.Contains(errors[0], "a local bare repository as a path (/abs/repo.git, ~/repo.git, ../repo.git)");
    }

    [TestMethod]
    public void Git_gate_alone_mounts_the_repository_read_write_and_egress_gets_no_rule_for_it()
    {
        var plan = BottlePlanner.Prepare(Load(), PlanOptions.Default);

        var gitGate = plan.Sidecars.Single(s => s.Role == "git-gate");
        Assert.Contains(new MountPlan("/m/remotes/sandbox.git", "/var/lib/bottle/remotes/sandbox.git", ReadOnly: false), gitGate.Mounts.ToList());
        foreach (var other in plan.Sidecars.Where(s => s.Role != "git-gate"))
        {
            Assert.IsFalse(other.Mounts.Any(m => m.Source == "/m/remotes/sandbox.git"), other.Role);
        }

        Assert.IsFalse(plan.Agent.Mounts.Any(m => m.Source == "/m/remotes/sandbox.git"), "the agent must not reach the repository but through git-gate");

        var remote = plan.Configs.GitGate.Remotes[0];
        Assert.AreEqual("/var/lib/bottle/remotes/sandbox.git", remote.Url, "git-gate pushes to its mount, not to the host path");
        Assert.AreEqual(string.Empty, remote.Host);
        Assert.AreEqual(0, remote.Port);
        CollectionAssert.AreEqual(new[] { "refs/heads/bottle/*" }, remote.Push.ToArray());
        CollectionAssert.AreEqual(new[] { "git.example.com:443 * /" }, plan.Configs.Egress.GitGateRules.Select(r => r.Describe()).ToArray());
    }

    [TestMethod]
    public void The_agent_gets_a_remote_by_name_through_git_gate_and_no_rewrite_of_the_host_path()
    {
        var plan = BottlePlanner.Prepare(Load(), PlanOptions.Default);
        var env = plan.Agent.Env;
        var gitGate = $"http://{plan.Sidecars.Single(s => s.Role == "git-gate").Addresses.Single(a => a.Network == "agent").Address}:8080";

        Assert.AreEqual("3", env["GIT_CONFIG_COUNT"]);
        Assert.AreEqual($"url.{gitGate}/origin.git.insteadOf", env["GIT_CONFIG_KEY_0"]);
        Assert.AreEqual("https://git.example.com/acme/app.git", env["GIT_CONFIG_VALUE_0"]);
        Assert.AreEqual("remote.sandbox.url", env["GIT_CONFIG_KEY_1"]);
        Assert.AreEqual($"{gitGate}/sandbox.git", env["GIT_CONFIG_VALUE_1"]);
        Assert.AreEqual("remote.sandbox.fetch", env["GIT_CONFIG_KEY_2"]);
        Assert.AreEqual("+refs/heads/*:refs/remotes/sandbox/*", env["GIT_CONFIG_VALUE_2"]);
        Assert.IsFalse(env.Values.Any(v => v.Contains("/m/remotes", StringComparison.Ordinal)), "the host path means nothing inside the agent");
    }

    [TestMethod]
    public void The_text_plan_names_the_host_repository_not_git_gates_mount()
    {
        var text = PlanTextRenderer.Render(BottlePlanner.Prepare(Load(), PlanOptions.Default));

        StringAssert.Contains(text, "sandbox    /m/remotes/sandbox.git (local, mounted into git-gate only)  push refs/heads/bottle/*");
    }

    [TestMethod]
    public void A_home_path_stays_in_the_plan_so_the_plan_does_not_depend_on_who_made_it()
    {
        var plan = BottlePlanner.Prepare(Load(Manifest.Replace("../remotes/sandbox.git", "~/r/sandbox.git", StringComparison.Ordinal)), PlanOptions.Default);

        Assert.Contains(
            new MountPlan("~/r/sandbox.git", "/var/lib/bottle/remotes/sandbox.git", ReadOnly: false),
            plan.Sidecars.Single(s => s.Role == "git-gate").Mounts.ToList());
    }
}

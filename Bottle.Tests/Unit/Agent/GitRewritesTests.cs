using System.Runtime.Versioning;
using System.Diagnostics;
using Bottle.Agent.Git;
using Bottle.Agent.Shim;

namespace Bottle.Tests.Unit.Agent;

[UnsupportedOSPlatform("windows")]
[TestClass]
public sealed class GitRewritesTests
{
    private const string GitGate = "http://10.77.0.3:8418/origin.git";
    private const string RealRemote = "git@github.com:acme/app.git";

    [TestMethod]
    public async Task Plan_rewrites_are_returned_and_git_sees_them_with_a_default_identity()
    {
        using var temp = new TempDirectory();
        var env = IsolatedGitEnvironment(temp);
        env["GIT_CONFIG_COUNT"] = "1";
        env["GIT_CONFIG_KEY_0"] = $"url.{GitGate}.insteadOf";
        env["GIT_CONFIG_VALUE_0"] = RealRemote;

        var rewrites = await GitRewrites.ApplyAsync(env, temp.Path, GitRewrites.ReadIdentityAsync, CancellationToken.None);

        Assert.AreEqual(new GitRewrite(new Uri(GitGate), RealRemote), rewrites.Single());
        Assert.AreEqual("3", env["GIT_CONFIG_COUNT"]);
        // Real git, with the environment the child gets: the rewrite and the identity are in effect.
        Assert.AreEqual($"url.{GitGate}.insteadof {RealRemote}", await GitAsync(env, temp.Path, "config", "--get-regexp", "insteadof"));
        Assert.AreEqual(GitRewrites.DefaultUserName, await GitAsync(env, temp.Path, "config", "user.name"));
        Assert.AreEqual(GitRewrites.DefaultUserEmail, await GitAsync(env, temp.Path, "config", "user.email"));
        await GitAsync(env, temp.Path, "init", "-q", "repo");
        Assert.AreEqual(GitGate, await GitAsync(env, temp["repo"], "ls-remote", "--get-url", RealRemote), "git resolves the real remote to git-gate");
    }

    [TestMethod]
    public async Task An_identity_from_the_users_config_is_kept()
    {
        using var temp = new TempDirectory();
        var env = IsolatedGitEnvironment(temp);
        File.WriteAllText(env["GIT_CONFIG_GLOBAL"], "[user]\n\tname = Jane Dev\n\temail = jane@example.test\n");

        await GitRewrites.ApplyAsync(env, temp.Path, GitRewrites.ReadIdentityAsync, CancellationToken.None);

        Assert.IsFalse(env.ContainsKey("GIT_CONFIG_COUNT"));
        Assert.AreEqual("Jane Dev", await GitAsync(env, temp.Path, "config", "user.name"));
    }

    [TestMethod]
    public async Task An_identity_in_the_workspace_repository_is_kept()
    {
        using var temp = new TempDirectory();
        var env = IsolatedGitEnvironment(temp);
        await GitAsync(env, temp.Path, "init", "-q", "repo");
        await GitAsync(env, temp["repo"], "config", "user.name", "Repo Owner");
        await GitAsync(env, temp["repo"], "config", "user.email", "owner@example.test");

        await GitRewrites.ApplyAsync(env, temp["repo"], GitRewrites.ReadIdentityAsync, CancellationToken.None);

        Assert.IsFalse(env.ContainsKey("GIT_CONFIG_COUNT"), "the environment would outrank the repository's identity");
    }

    [TestMethod]
    public async Task Author_and_committer_variables_replace_the_default_only_when_both_are_set()
    {
        using var temp = new TempDirectory();
        var env = IsolatedGitEnvironment(temp);
        env["GIT_AUTHOR_NAME"] = "A";
        env["GIT_COMMITTER_NAME"] = "C";
        env["GIT_AUTHOR_EMAIL"] = "a@example.test";

        await GitRewrites.ApplyAsync(env, temp.Path, GitRewrites.ReadIdentityAsync, CancellationToken.None);

        Assert.AreEqual("1", env["GIT_CONFIG_COUNT"]);
        Assert.AreEqual("user.email", env["GIT_CONFIG_KEY_0"]);
    }

    [TestMethod]
    [DataRow("x", null, null, "GIT_CONFIG_COUNT='x'")]
    [DataRow("1", null, null, "GIT_CONFIG_KEY_0 is missing")]
    [DataRow("1", "url.http://gg/o.git.insteadOf", null, "GIT_CONFIG_VALUE_0 (for 'url.http://gg/o.git.insteadOf') is missing")]
    [DataRow("1", "url./srv/host-repo.insteadOf", RealRemote, "does not point at an http(s) URL")]
    public async Task Malformed_git_config_variables_fail_before_git_does(string count, string? key, string? value, string expected)
    {
        var env = new Dictionary<string, string> { ["GIT_CONFIG_COUNT"] = count };
        if (key is not null)
        {
            env["GIT_CONFIG_KEY_0"] = key;
        }

        if (value is not null)
        {
            env["GIT_CONFIG_VALUE_0"] = value;
        }

        var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(
            () => GitRewrites.ApplyAsync(env, "/", (_, _, _) => Task.FromResult<IReadOnlyDictionary<string, string>?>(null), CancellationToken.None));

        StringAssert.Contains(ex.Message, expected);
    }

    /// <summary>git with only the test's config: no system file, a global file in the temp folder.</summary>
    internal static Dictionary<string, string> IsolatedGitEnvironment(TempDirectory temp) => new()
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
        ["HOME"] = temp.Path,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = temp["gitconfig"],
    };

    internal static async Task<string> GitAsync(IDictionary<string, string> env, string directory, params string[] args)
    {
        var startInfo = new ProcessStartInfo("git", args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        startInfo.Environment.Clear();
        foreach (var (k, v) in env)
        {
            startInfo.Environment[k] = v;
        }

        using var git = Process.Start(startInfo)!;
        var stdout = git.StandardOutput.ReadToEndAsync();
        var stderr = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.AreEqual(0, git.ExitCode, $"git {string.Join(' ', args)}: {stderr}");
        return (await stdout).Trim();
    }
}

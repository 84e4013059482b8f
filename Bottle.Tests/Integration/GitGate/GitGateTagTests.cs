using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>
/// Annotated tags through git-gate: their name, tagger line and message go upstream with the tag, so they are
/// scanned like commit messages; nested tags are peeled and every level is scanned; tags must end at a commit.
/// </summary>
[TestClass]
public sealed class GitGateTagTests
{
    private const string AwsKey = "AKIAZ7QXJ4PLMN2RT5VW";

    private static async Task<(GitGateTestBed Bed, string Upstream, string Agent)> StartAsync()
    {
        var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([new GitGateRemoteOptions { Name = "origin", Url = upstream, PushRefPatterns = ["refs/heads/bottle/*"], Tags = true }]);
        return (bed, upstream, await bed.CloneThroughGateAsync("origin"));
    }

    [TestMethod]
    public async Task Secret_in_an_annotated_tag_message_is_rejected_and_nothing_reaches_upstream()
    {
        var (bed, upstream, agent) = await StartAsync();
        await using var _ = bed;
        await bed.CommitFileAsync(agent, "notes.md", "nothing secret\n", "notes");
        await bed.GitOkAsync(agent, "tag", "-a", "-m", $"release one\n\ndeploy key {AwsKey}", "v1");
        var tag = (await bed.GitOkAsync(agent, "rev-parse", "refs/tags/v1")).Trim();

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/v1");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "1 secret(s) found in 1 new commit(s) and 1 annotated tag(s)");
        // Line 8 of 'git cat-file tag': object, type, tag, tagger, blank, "release one", blank, the key line.
        StringAssert.Contains(push.StandardError, $"TAG_MSG:8  tag {tag[..12]}  rule aws-access-key-id  match AKIA…");
        Assert.IsFalse(push.StandardError.Contains(AwsKey, StringComparison.Ordinal), "the agent must never be shown the whole secret");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/tags/v1"));
        Assert.IsNull(await bed.RefAsync(bed.MirrorOf("origin"), "refs/tags/v1"));
        Assert.IsFalse((await bed.GitAsync(upstream, "cat-file", "-e", tag)).Succeeded, "the tag object must not exist upstream");
    }

    [TestMethod]
    public async Task Secret_in_the_tagger_line_is_rejected()
    {
        var (bed, upstream, agent) = await StartAsync();
        await using var _ = bed;
        var tagger = new Dictionary<string, string> { ["GIT_COMMITTER_NAME"] = AwsKey, ["GIT_COMMITTER_EMAIL"] = "agent@bottle.test" };
        var made = await new GitRunner("git").RunAsync(agent, ["tag", "-a", "-m", "clean message", "v1"], CancellationToken.None, tagger);
        Assert.AreEqual(0, made.ExitCode, made.StandardError);

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/v1");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "TAG_MSG:4  tag ");
        StringAssert.Contains(push.StandardError, "rule aws-access-key-id");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/tags/v1"));
    }

    [TestMethod]
    public async Task Clean_annotated_tag_is_scanned_and_lands_upstream()
    {
        var (bed, upstream, agent) = await StartAsync();
        await using var _ = bed;
        await bed.CommitFileAsync(agent, "notes.md", "nothing secret\n", "notes");
        await bed.GitOkAsync(agent, "tag", "-a", "-m", "release one", "v1");
        var tag = (await bed.GitOkAsync(agent, "rev-parse", "refs/tags/v1")).Trim();

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/v1");

        Assert.AreEqual(0, push.ExitCode, push.StandardError);
        StringAssert.Contains(push.StandardError, "scanned 1 new commit(s) and 1 annotated tag(s): no secrets");
        Assert.AreEqual(tag, await bed.RefAsync(upstream, "refs/tags/v1"));
    }

    [TestMethod]
    public async Task Nested_tags_are_peeled_and_the_inner_message_is_scanned()
    {
        var (bed, upstream, agent) = await StartAsync();
        await using var _ = bed;
        await bed.GitOkAsync(agent, "tag", "-a", "-m", $"inner {AwsKey}", "inner");
        var inner = (await bed.GitOkAsync(agent, "rev-parse", "refs/tags/inner")).Trim();
        await bed.GitOkAsync(agent, "tag", "-a", "-m", "outer, clean", "outer", inner);
        await bed.GitOkAsync(agent, "tag", "-d", "inner");

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/outer");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, $"TAG_MSG:6  tag {inner[..12]}  rule aws-access-key-id");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/tags/outer"));
    }

    [TestMethod]
    public async Task Annotated_tag_of_a_blob_is_refused()
    {
        var (bed, upstream, agent) = await StartAsync();
        await using var _ = bed;
        var blob = (await bed.GitOkAsync(agent, "rev-parse", "HEAD:README.md")).Trim();
        await bed.GitOkAsync(agent, "tag", "-a", "-m", "a blob", "blobtag", blob);

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/blobtag");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "refs/tags/blobtag: the annotated tag points at a blob, not a commit");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/tags/blobtag"));
    }
}

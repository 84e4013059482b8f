using Bottle.Sidecars.GitGate;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>The ref policy through real pushes: allowed patterns, force-push, deletion and tags, each both ways.</summary>
[TestClass]
public sealed class GitGatePolicyTests
{
    private static async Task<(GitGateTestBed Bed, string Upstream, string Agent)> StartAsync(Func<GitGateRemoteOptions, GitGateRemoteOptions> policy)
    {
        var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([policy(new GitGateRemoteOptions { Name = "origin", Url = upstream, PushRefPatterns = ["refs/heads/bottle/*"] })]);
        return (bed, upstream, await bed.CloneThroughGateAsync("origin"));
    }

    [TestMethod]
    public async Task Ref_outside_the_allowed_patterns_is_rejected()
    {
        var (bed, upstream, agent) = await StartAsync(r => r);
        await using var _ = bed;
        var before = await bed.RefAsync(upstream, "refs/heads/main");
        await bed.CommitFileAsync(agent, "a.txt", "a\n", "change main");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/main");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "refs/heads/main: not an allowed ref for 'origin' (allowed: refs/heads/bottle/*)");
        Assert.AreEqual(before, await bed.RefAsync(upstream, "refs/heads/main"));
    }

    [TestMethod]
    public async Task Force_push_is_rejected_unless_allowed()
    {
        foreach (var allowed in new[] { false, true })
        {
            var (bed, upstream, agent) = await StartAsync(r => r with { ForcePush = allowed });
            await using var _ = bed;
            await bed.CommitFileAsync(agent, "a.txt", "one\n", "one");
            await bed.GitOkAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/x");
            var published = await bed.RefAsync(upstream, "refs/heads/bottle/x");
            await bed.GitOkAsync(agent, "reset", "--quiet", "--hard", "HEAD~1");
            var rewritten = await bed.CommitFileAsync(agent, "a.txt", "two\n", "rewritten");

            var push = await bed.GitAsync(agent, "push", "--force", "origin", "HEAD:refs/heads/bottle/x");

            if (allowed)
            {
                Assert.AreEqual(0, push.ExitCode, push.StandardError);
                Assert.AreEqual(rewritten, await bed.RefAsync(upstream, "refs/heads/bottle/x"));
            }
            else
            {
                Assert.AreNotEqual(0, push.ExitCode);
                StringAssert.Contains(push.StandardError, "non-fast-forward (force) updates are not allowed on 'origin'");
                Assert.AreEqual(published, await bed.RefAsync(upstream, "refs/heads/bottle/x"));
                Assert.AreEqual(published, await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/x"));
            }
        }
    }

    [TestMethod]
    public async Task Deletion_is_rejected_unless_allowed()
    {
        foreach (var allowed in new[] { false, true })
        {
            var (bed, upstream, agent) = await StartAsync(r => r with { DeleteRefs = allowed });
            await using var _ = bed;
            await bed.CommitFileAsync(agent, "a.txt", "one\n", "one");
            await bed.GitOkAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/x");

            var push = await bed.GitAsync(agent, "push", "origin", ":refs/heads/bottle/x");

            Assert.AreEqual(allowed, push.ExitCode == 0, push.StandardError);
            Assert.AreEqual(allowed, await bed.RefAsync(upstream, "refs/heads/bottle/x") is null);
            if (!allowed)
            {
                StringAssert.Contains(push.StandardError, "refs/heads/bottle/x: deleting refs is not allowed on 'origin'");
            }
        }
    }

    [TestMethod]
    public async Task Tags_are_rejected_unless_allowed_and_moving_one_needs_force()
    {
        foreach (var allowed in new[] { false, true })
        {
            var (bed, upstream, agent) = await StartAsync(r => r with { Tags = allowed });
            await using var _ = bed;
            await bed.GitOkAsync(agent, "tag", "-a", "-m", "release one", "v1");

            var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/v1");

            Assert.AreEqual(allowed, push.ExitCode == 0, push.StandardError);
            Assert.AreEqual(allowed, await bed.RefAsync(upstream, "refs/tags/v1") is not null);
            if (!allowed)
            {
                StringAssert.Contains(push.StandardError, "refs/tags/v1: tags may not be pushed to 'origin'");
                continue;
            }

            await bed.CommitFileAsync(agent, "a.txt", "next\n", "next");
            await bed.GitOkAsync(agent, "tag", "-f", "-a", "-m", "moved", "v1");
            var move = await bed.GitAsync(agent, "push", "--force", "origin", "refs/tags/v1");
            Assert.AreNotEqual(0, move.ExitCode, "moving a tag is a rewrite and force-push is off");
            StringAssert.Contains(move.StandardError, "refs/tags/v1: non-fast-forward");
        }
    }

    [TestMethod]
    public async Task Secret_in_an_annotated_tag_points_at_scanned_commits()
    {
        var (bed, upstream, agent) = await StartAsync(r => r with { Tags = true });
        await using var _ = bed;
        await bed.CommitFileAsync(agent, "k.txt", "AKIAZ7QXJ4PLMN2RT5VW\n", "key");
        await bed.GitOkAsync(agent, "tag", "-a", "-m", "tagging a leaky commit", "v2");

        var push = await bed.GitAsync(agent, "push", "origin", "refs/tags/v2");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "k.txt:1");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/tags/v2"));
    }
}

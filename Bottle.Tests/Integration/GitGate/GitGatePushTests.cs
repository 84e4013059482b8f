using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>Pushes through git-gate with real git on both sides: what lands upstream, what is refused, and what the agent is told.</summary>
[TestClass]
public sealed class GitGatePushTests
{
    private const string AwsKey = "AKIAZ7QXJ4PLMN2RT5VW";

    private const string Key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDxGZbcKQ8cRcUuMTsfjZZlsHXWYB3xQ8cJ3Zs6oJmRuwAAAJg2fJ0bNnyd\n-----END OPENSSH PRIVATE KEY-----\n";

    private static GitGateRemoteOptions Strict(string upstream) => new()
    {
        Name = "origin",
        Url = upstream,
        PushRefPatterns = ["refs/heads/bottle/*"],
    };

    [TestMethod]
    public async Task Clean_push_lands_upstream_and_in_the_mirror()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var head = await bed.CommitFileAsync(agent, "src/app.py", "print('hello')\n", "add app");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreEqual(0, push.ExitCode, push.StandardError);
        StringAssert.Contains(push.StandardError, "remote: git-gate: scanned 1 new commit(s): no secrets");
        Assert.AreEqual(head, await bed.RefAsync(upstream, "refs/heads/bottle/feature"));
        Assert.AreEqual(head, await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/feature"));
    }

    [TestMethod]
    public async Task Secret_in_an_earlier_commit_rejects_the_push_and_nothing_reaches_upstream()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var leaky = await bed.CommitFileAsync(agent, "config/deploy.env", "REGION=eu\nAWS_ACCESS_KEY_ID=" + AwsKey + "\n", "add deploy config");
        await bed.CommitFileAsync(agent, "docs/notes.md", "nothing secret\n", "add notes");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "secret(s) found in 2 new commit(s); nothing was pushed upstream");
        StringAssert.Contains(push.StandardError, $"config/deploy.env:2  commit {leaky[..12]}  rule aws-access-key-id  match AKIA…sha256:");
        Assert.IsFalse(push.StandardError.Contains(AwsKey, StringComparison.Ordinal), "the agent must never be shown the whole secret");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/feature"));
        Assert.IsNull(await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/feature"));
        Assert.IsFalse((await bed.GitAsync(upstream, "cat-file", "-e", leaky)).Succeeded, "the leaky commit must not exist upstream");
    }

    [TestMethod]
    public async Task Secret_added_then_removed_is_still_rejected()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var leaky = await bed.CommitFileAsync(agent, "key.txt", AwsKey + "\n", "oops");
        await bed.CommitFileAsync(agent, "key.txt", "removed\n", "remove the key");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, $"key.txt:1  commit {leaky[..12]}  rule aws-access-key-id");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/feature"));
    }

    [TestMethod]
    public async Task Secret_added_by_modifying_a_file_is_found_at_its_line_in_the_new_file()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.CommitFileAsync(agent, "app.cfg", "one\ntwo\nthree\nfour\n", "add config");
        var leaky = await bed.CommitFileAsync(agent, "app.cfg", "one\ntwo\nthree\nkey=" + AwsKey + "\nfour\n", "configure the key");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "1 secret(s) found in 2 new commit(s)");
        StringAssert.Contains(push.StandardError, $"app.cfg:4  commit {leaky[..12]}  rule aws-access-key-id");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/feature"));
    }

    [TestMethod]
    public async Task Same_secret_file_added_by_two_commits_is_reported_for_both()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var first = await bed.CommitFileAsync(agent, "one/key.txt", "x\n" + AwsKey + "\n", "add a key");
        var second = await bed.CommitFileAsync(agent, "two/key.txt", "x\n" + AwsKey + "\n", "add it again");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "2 secret(s) found in 2 new commit(s)");
        StringAssert.Contains(push.StandardError, $"one/key.txt:2  commit {first[..12]}");
        StringAssert.Contains(push.StandardError, $"two/key.txt:2  commit {second[..12]}");
    }

    [TestMethod]
    public async Task Private_key_block_and_secret_in_commit_message_are_both_found()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var withKey = await bed.CommitFileAsync(agent, "deploy/id_ed25519", "# deploy key\n" + Key, "add deploy key");
        var withMessage = await bed.CommitFileAsync(agent, "a.txt", "a\n", "use key\n\nthe key is " + AwsKey);

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/feature");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, $"deploy/id_ed25519:3  commit {withKey[..12]}  rule openssh-private-key");
        StringAssert.Contains(push.StandardError, $"COMMIT_MSG:3  commit {withMessage[..12]}  rule aws-access-key-id");
        Assert.IsFalse(push.StandardError.Contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Secret_in_a_merged_branch_is_found()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.GitOkAsync(agent, "checkout", "--quiet", "-b", "side");
        var leaky = await bed.CommitFileAsync(agent, "side.txt", AwsKey + "\n", "side work");
        await bed.GitOkAsync(agent, "checkout", "--quiet", "main");
        await bed.CommitFileAsync(agent, "main.txt", "main work\n", "main work");
        await bed.GitOkAsync(agent, "merge", "--quiet", "--no-edit", "side");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/merged");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, $"side.txt:1  commit {leaky[..12]}");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/merged"));
    }

    [TestMethod]
    public async Task Binary_files_are_skipped_and_listed()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await File.WriteAllBytesAsync(Path.Combine(agent, "logo.png"), [0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]);
        await bed.CommitFileAsync(agent, "src/a.txt", "text\n", "add logo");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/logo");

        Assert.AreEqual(0, push.ExitCode, push.StandardError);
        StringAssert.Contains(push.StandardError, "skipped 1 binary file(s), not scanned:");
        StringAssert.Contains(push.StandardError, ":logo.png");
    }

    [TestMethod]
    public async Task Diff_over_the_size_cap_fails_closed()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)], o => o with { MaxDiffBytes = 4096 });
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.CommitFileAsync(agent, "big.txt", string.Concat(Enumerable.Repeat("harmless line of text\n", 1000)), "big");

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/big");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "larger than the scan cap");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/big"));
    }

    [TestMethod]
    public async Task Many_commits_over_the_size_cap_fail_closed_with_the_cap_as_the_reason()
    {
        // Past the cap mid-stream the gate stops both gits: the verdict must still be the cap, not their errors.
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Strict(upstream)], o => o with { MaxDiffBytes = 4096 });
        var agent = await bed.CloneThroughGateAsync("origin");
        for (var i = 0; i < 60; i++)
        {
            await bed.CommitFileAsync(agent, $"notes/{i}.txt", $"note {i}: " + new string('x', 100) + "\n", $"note {i}");
        }

        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/many");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "larger than the scan cap");
        Assert.IsNull(await bed.RefAsync(upstream, "refs/heads/bottle/many"));
    }

    [TestMethod]
    public async Task Inline_ignore_is_refused_by_default_and_honoured_when_allowed()
    {
        var line = "KEY=" + AwsKey + " # " + GitGateOptions.InlineIgnoreMarker + "\n";
        await using (var bed = new GitGateTestBed())
        {
            var upstream = await bed.CreateUpstreamAsync("repo");
            await bed.StartAsync([Strict(upstream)]);
            var agent = await bed.CloneThroughGateAsync("origin");
            await bed.CommitFileAsync(agent, "fixture.env", line, "fixture");
            var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/x");
            Assert.AreNotEqual(0, push.ExitCode, "an inline marker must not switch the scan off unless the manifest allows it");
        }

        await using (var bed = new GitGateTestBed())
        {
            var upstream = await bed.CreateUpstreamAsync("repo");
            await bed.StartAsync([Strict(upstream)], o => o with { AllowInlineIgnore = true });
            var agent = await bed.CloneThroughGateAsync("origin");
            await bed.CommitFileAsync(agent, "fixture.env", line, "fixture");
            var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/x");
            Assert.AreEqual(0, push.ExitCode, push.StandardError);
            StringAssert.Contains(push.StandardError, "1 finding(s) accepted by the allowlist or an allowed inline");
        }
    }

    [TestMethod]
    public async Task Fingerprint_allowlist_accepts_only_the_listed_secret()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        var known = new DlpSecretScanner(new DlpScanner(new DlpOptions())).Scan(AwsKey).Single().Fingerprint;
        await bed.StartAsync([Strict(upstream) with { AllowFingerprints = [known] }]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.CommitFileAsync(agent, "test/fixture.txt", AwsKey + "\n", "known test key");
        Assert.AreEqual(0, (await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/a")).ExitCode);

        await bed.CommitFileAsync(agent, "test/other.txt", Key, "another secret");
        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/a");
        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "test/other.txt:2");
    }
}

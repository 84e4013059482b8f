using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Mirrors;
using Bottle.Sidecars.GitGate.Push;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>git-gate and the real remote staying in step: leases, refreshes, findings files, health, and attempts to skip the gate.</summary>
[TestClass]
public sealed class GitGateSyncTests
{
    private static GitGateRemoteOptions Remote(string upstream) => new()
    {
        Name = "origin",
        Url = upstream,
        PushRefPatterns = ["refs/heads/bottle/*"],
    };

    [TestMethod]
    public async Task Upstream_moved_meanwhile_is_a_clear_rejection_and_the_mirror_is_unchanged()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Remote(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.CommitFileAsync(agent, "a.txt", "agent one\n", "agent one");
        await bed.GitOkAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/shared");
        var mirrored = await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/shared");

        // Someone else pushes to the real remote directly; git-gate's mirror does not know yet.
        var other = await bed.CloneDirectAsync(upstream, "other");
        await bed.GitOkAsync(other, "checkout", "--quiet", "bottle/shared");
        var theirs = await bed.CommitFileAsync(other, "b.txt", "theirs\n", "their change");
        await bed.GitOkAsync(other, "push", "--quiet", "origin", "HEAD:refs/heads/bottle/shared");

        await bed.CommitFileAsync(agent, "a.txt", "agent two\n", "agent two");
        var push = await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/shared");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "git-gate: push rejected: the real remote refused it");
        StringAssert.Contains(push.StandardError, "the real remote moved since your last fetch");
        Assert.AreEqual(theirs, await bed.RefAsync(upstream, "refs/heads/bottle/shared"));
        Assert.AreEqual(mirrored, await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/shared"));
    }

    [TestMethod]
    public async Task Fetch_after_someone_else_pushed_upstream_sees_their_commits()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Remote(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        var other = await bed.CloneDirectAsync(upstream, "other");
        var theirs = await bed.CommitFileAsync(other, "b.txt", "theirs\n", "their change");
        await bed.GitOkAsync(other, "push", "--quiet", "origin", "HEAD:refs/heads/main");

        await bed.GitOkAsync(agent, "fetch", "--quiet", "origin");

        Assert.AreEqual(theirs, await bed.RefAsync(agent, "refs/remotes/origin/main"));
    }

    [TestMethod]
    public async Task Fetch_with_protocol_v0_and_gzipped_requests_works()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        var seed = await bed.CloneDirectAsync(upstream, "seed2");
        for (var i = 0; i < 60; i++)
        {
            await bed.GitOkAsync(seed, "branch", $"bottle/branch-with-a-long-name-{i:D3}");
        }

        await bed.CommitFileAsync(seed, "c.txt", "c\n", "c");
        await bed.GitOkAsync(seed, "push", "--quiet", "origin", "refs/heads/*:refs/heads/*");
        await bed.StartAsync([Remote(upstream)]);

        // Many wants make the upload-pack request larger than 1 KiB, which git sends gzip-compressed.
        var clone = await bed.GitAsync(bed.Root, "-c", "protocol.version=0", "-c", "http.postBuffer=1048576", "clone", "--mirror", "--quiet", bed.Server.RemoteUrl("origin").ToString(), Path.Combine(bed.Root, "v0"));
        Assert.AreEqual(0, clone.ExitCode, clone.StandardError);
        Assert.IsNotNull(await bed.RefAsync(Path.Combine(bed.Root, "v0"), "refs/heads/bottle/branch-with-a-long-name-059"));
        var v2 = await bed.GitAsync(bed.Root, "-c", "protocol.version=2", "clone", "--mirror", "--quiet", bed.Server.RemoteUrl("origin").ToString(), Path.Combine(bed.Root, "v2"));
        Assert.AreEqual(0, v2.ExitCode, v2.StandardError);
    }

    [TestMethod]
    public async Task Rejected_push_writes_sarif_json_and_audit()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        var auditPath = Path.Combine(bed.Root, "audit.jsonl");
        await bed.StartAsync([Remote(upstream)], o => o with { AuditPath = auditPath });
        var agent = await bed.CloneThroughGateAsync("origin");
        var leaky = await bed.CommitFileAsync(agent, "dir with space/cfg.ini", "x=1\nkey=AKIAZ7QXJ4PLMN2RT5VW\n", "cfg");
        Assert.AreNotEqual(0, (await bed.GitAsync(agent, "push", "origin", "HEAD:refs/heads/bottle/s")).ExitCode);

        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bed.StateDirectory, "findings.sarif")));
        var root = sarif.RootElement;
        Assert.AreEqual("2.1.0", root.GetProperty("version").GetString());
        StringAssert.Contains(root.GetProperty("$schema").GetString(), "sarif-2.1.0");
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.AreEqual("bottle-git-gate", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.AreEqual("aws-access-key-id", rules.Single());
        var result = run.GetProperty("results")[0];
        Assert.AreEqual("aws-access-key-id", result.GetProperty("ruleId").GetString());
        Assert.AreEqual(0, result.GetProperty("ruleIndex").GetInt32());
        Assert.AreEqual("error", result.GetProperty("level").GetString());
        StringAssert.Contains(result.GetProperty("message").GetProperty("text").GetString(), leaky);
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("dir%20with%20space/cfg.ini", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.IsFalse(string.IsNullOrEmpty(result.GetProperty("partialFingerprints").GetProperty("secretFingerprint/v1").GetString()));

        var json = await File.ReadAllTextAsync(Path.Combine(bed.StateDirectory, "findings.json"));
        StringAssert.Contains(json, "\"remote\": \"origin\"");
        StringAssert.Contains(json, leaky);
        Assert.IsFalse(json.Contains("AKIAZ7QXJ4PLMN2RT5VW", StringComparison.Ordinal) || File.ReadAllText(Path.Combine(bed.StateDirectory, "findings.sarif")).Contains("AKIAZ7QXJ4PLMN2RT5VW", StringComparison.Ordinal));

        // The audit writer drains a queue in the background: poll its file with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var audit = string.Empty;
        while (DateTime.UtcNow < deadline && !audit.Contains("secret-found", StringComparison.Ordinal))
        {
            await Task.Delay(25);
            audit = File.Exists(auditPath) ? await ReadSharedAsync(auditPath) : string.Empty;
        }

        using var line = JsonDocument.Parse(audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.AreEqual("git-gate", line.RootElement.GetProperty("sidecar").GetString());
        Assert.AreEqual("deny", line.RootElement.GetProperty("decision").GetString());
        Assert.AreEqual("secret-found", line.RootElement.GetProperty("reason").GetString());
        Assert.AreEqual("refs/heads/bottle/s", line.RootElement.GetProperty("path").GetString());
        Assert.IsFalse(audit.Contains("AKIAZ7QXJ4PLMN2RT5VW", StringComparison.Ordinal));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [TestMethod]
    public async Task Health_is_unhealthy_and_requests_fail_when_a_mirror_cannot_be_filled()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Remote(upstream), Remote(Path.Combine(bed.Root, "missing.git")) with { Name = "broken" }]);
        using var http = new HttpClient { BaseAddress = bed.Server.BaseAddress };

        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var refs = await http.GetAsync(new Uri("/broken.git/info/refs?service=git-upload-pack", UriKind.Relative));
        var unknown = await http.GetAsync(new Uri("/nope.git/info/refs?service=git-upload-pack", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, refs.StatusCode);
        StringAssert.Contains(await refs.Content.ReadAsStringAsync(), "mirror of 'broken' is not ready");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.AreEqual(0, (await bed.GitAsync(bed.Root, "ls-remote", bed.Server.RemoteUrl("origin").ToString())).ExitCode);
    }

    [TestMethod]
    public async Task Pushing_into_the_mirror_directly_is_refused_by_its_hook()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Remote(upstream)]);
        var agent = await bed.CloneThroughGateAsync("origin");
        await bed.CommitFileAsync(agent, "a.txt", "a\n", "a");

        var push = await bed.GitAsync(agent, "push", bed.MirrorOf("origin"), "HEAD:refs/heads/bottle/sneak");

        Assert.AreNotEqual(0, push.ExitCode);
        StringAssert.Contains(push.StandardError, "did not come through git-gate");
        Assert.IsNull(await bed.RefAsync(bed.MirrorOf("origin"), "refs/heads/bottle/sneak"));
    }

    [TestMethod]
    public async Task Hook_listener_rejects_a_forged_token()
    {
        await using var bed = new GitGateTestBed();
        var upstream = await bed.CreateUpstreamAsync("repo");
        await bed.StartAsync([Remote(upstream)]);
        var port = ((PreReceiveListener)bed.Server.Services.GetService(typeof(PreReceiveListener))!).Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = client.GetStream();
        var zero = new string('0', 40);
        var request = $"forged-token\n{bed.MirrorOf("origin")}/objects/tmp\n{zero} {new string('a', 40)} refs/heads/bottle/x\n\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();

        StringAssert.Contains(answer, "unknown or reused push token");
        Assert.IsTrue(answer.TrimEnd().EndsWith(PreReceiveHook.Reject, StringComparison.Ordinal));
    }
}

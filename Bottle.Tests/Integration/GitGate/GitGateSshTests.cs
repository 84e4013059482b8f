using System.Net;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Mirrors;
using Bottle.Sidecars.GitGate.Ssh;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Egress;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bottle.Tests.Integration.GitGate;

/// <summary>
/// git-gate and a real ssh remote (<see cref="TestSshUpstream"/>: sshd + git in a container), reached ONLY through a
/// real egress CONNECT tunnel: the remote's name resolves nowhere but in egress, and ssh's ProxyCommand is the real
/// <c>bottle-sidecars connect</c>. The ssh command is the one the git-gate role builds (<see cref="SshRemoteEnvironment"/>).
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class GitGateSshTests
{
    private const string Host = "git.ssh.test";

    private static TestSshUpstream? upstream;

    private static TestSshUpstream Upstream => upstream ?? throw new InvalidOperationException("the class upstream did not start");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        await DockerEngine.RequireAsync();
        upstream = await TestSshUpstream.StartAsync(Host);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Clean_push_lands_upstream_through_the_egress_tunnel()
    {
        await using var egress = await StartEgressAsync(allowRemote: true);
        await using var bed = new GitGateTestBed();
        await bed.StartAsync([Remote(bed, egress, Upstream.HostPublicKey)]);

        var agent = await bed.CloneThroughGateAsync("origin");
        var commit = await bed.CommitFileAsync(agent, "feature.txt", "a clean change\n", "clean change");
        await bed.GitOkAsync(agent, "push", "origin", "HEAD:refs/heads/feature/ssh");

        Assert.AreEqual(commit, await Upstream.RefAsync("refs/heads/feature/ssh"));
        var tunnel = await egress.AuditForAsync(e => e.Method == "CONNECT" && e.Host == Host && e.Port == 22 && e.Decision == "allow");
        Assert.AreEqual(Upstream.Address + ":22", tunnel.UpstreamAddress);
    }

    [TestMethod]
    public async Task Fetch_after_someone_else_pushed_upstream_sees_their_commits()
    {
        await using var egress = await StartEgressAsync(allowRemote: true);
        await using var bed = new GitGateTestBed();
        await bed.StartAsync([Remote(bed, egress, Upstream.HostPublicKey)]);
        var agent = await bed.CloneThroughGateAsync("origin");

        var theirs = await Upstream.PushAsSomeoneElseAsync("main", $"other-{Guid.NewGuid():N}.txt", "their change");
        await bed.GitOkAsync(agent, "fetch", "--quiet", "origin");

        Assert.AreEqual(theirs, await bed.RefAsync(agent, "refs/remotes/origin/main"));
    }

    [TestMethod]
    public async Task Unknown_host_key_is_refused_and_nothing_is_served()
    {
        await using var egress = await StartEgressAsync(allowRemote: true);
        await using var bed = new GitGateTestBed();
        var otherKey = await TestSshUpstream.GenerateKeyAsync(Path.Combine(bed.Root, "not-the-server"));
        await bed.StartAsync([Remote(bed, egress, otherKey)]);

        var error = bed.Server.Services.GetRequiredService<MirrorStore>().Errors["origin"];
        var clone = await bed.GitAsync(bed.Root, "clone", "--quiet", bed.Server.RemoteUrl("origin").ToString(), Path.Combine(bed.Root, "agent"));

        Assert.IsNotNull(error, "the mirror was filled from a server whose key is not pinned");
        StringAssert.Contains(error, "Host key verification failed");
        Assert.AreNotEqual(0, clone.ExitCode, "a clone was served from an unverified remote");
    }

    [TestMethod]
    public async Task Remote_egress_does_not_allow_fails_with_egress_reason()
    {
        await using var egress = await StartEgressAsync(allowRemote: false);
        await using var bed = new GitGateTestBed();
        await bed.StartAsync([Remote(bed, egress, Upstream.HostPublicKey)]);

        var error = bed.Server.Services.GetRequiredService<MirrorStore>().Errors["origin"];

        Assert.IsNotNull(error);
        StringAssert.Contains(error, $"no allow rule permits a tunnel to {Host}:22");
    }

    private static GitGateRemoteOptions Remote(GitGateTestBed bed, EgressHarness egress, string hostKey) => new()
    {
        Name = "origin",
        Url = $"git@{Host}:{TestSshUpstream.RepositoryPath}",
        PushRefPatterns = ["refs/heads/*"],
        UpstreamEnvironment = SshRemoteEnvironment.Create(
            "origin",
            Host,
            22,
            [hostKey],
            Upstream.ClientKeyFile,
            $"http://127.0.0.1:{egress.EndPoint.Port}",
            Path.Combine(AppContext.BaseDirectory, SshRemoteEnvironment.SidecarExecutableName),
            Path.Combine(bed.Root, "ssh")),
    };

    /// <summary>
    /// egress on loopback that knows 127.0.0.1 (where <c>bottle-sidecars connect</c> comes from) as git-gate, resolves
    /// the remote's name to the sshd container, and may dial the test's network (a manifest CIDR, as in a bottle).
    /// </summary>
    private static async Task<EgressHarness> StartEgressAsync(bool allowRemote)
    {
        var network = new EgressRule(null, IPNetwork.Parse(Upstream.Network.Subnet), [22], [], [], null);
        var options = EgressHarness.Options([]) with
        {
            PipelockSources = [],
            GitGateSources = [IPAddress.Loopback],
            GitGateRules = allowRemote ? [EgressHarness.Rule(Host, 22), network] : [network],
        };
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { [Host] = [IPAddress.Parse(Upstream.Address)] });
        return await EgressHarness.StartAsync(options, resolver);
    }
}

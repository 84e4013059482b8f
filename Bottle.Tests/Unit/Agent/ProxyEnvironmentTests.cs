using System.Runtime.Versioning;
using Bottle.Agent.Network;
using Bottle.Agent.Shim;
using FsCheck;
using FsCheck.Fluent;

namespace Bottle.Tests.Unit.Agent;

[UnsupportedOSPlatform("windows")]
[TestClass]
public sealed class ProxyEnvironmentTests
{
    private const string Pipelock = "http://10.77.0.2:8080";

    [TestMethod]
    public void Any_nonempty_subset_of_agreeing_proxy_variables_fills_all_four()
    {
        var property = Prop.ForAll(
            Gen.Elements(false, true).ArrayOf(4).Where(set => set.Any(s => s)).ToArbitrary(),
            set =>
            {
                var env = new Dictionary<string, string>();
                for (var i = 0; i < 4; i++)
                {
                    if (set[i])
                    {
                        env[ProxyEnvironment.ProxyVariables[i]] = Pipelock;
                    }
                }

                var url = ProxyEnvironment.Apply(env, proxy: null, noProxy: null, directHosts: []);
                return url == new Uri(Pipelock) && ProxyEnvironment.ProxyVariables.All(name => env[name] == Pipelock);
            });
        Check.QuickThrowOnFailure(property);
    }

    [TestMethod]
    public void The_option_fills_in_when_the_plan_set_nothing()
    {
        var env = new Dictionary<string, string>();

        ProxyEnvironment.Apply(env, Pipelock, noProxy: null, directHosts: []);

        Assert.AreEqual(Pipelock, env["http_proxy"]);
        Assert.AreEqual(Pipelock, env["HTTPS_PROXY"]);
    }

    [TestMethod]
    public void No_proxy_gets_the_union_plus_loopback_and_git_gate_without_duplicates()
    {
        var env = new Dictionary<string, string> { ["HTTPS_PROXY"] = Pipelock, ["NO_PROXY"] = "git-gate, internal.test", ["no_proxy"] = "other.test" };

        ProxyEnvironment.Apply(env, proxy: null, noProxy: "extra.test", directHosts: ["10.77.0.3", "GIT-GATE"]);

        Assert.AreEqual("git-gate,internal.test,other.test,extra.test,localhost,127.0.0.1,10.77.0.3", env["NO_PROXY"]);
        Assert.AreEqual(env["NO_PROXY"], env["no_proxy"]);
    }

    [TestMethod]
    [DataRow("HTTP_PROXY", "http://elsewhere:3128", "the proxy variables disagree")]
    [DataRow("https_proxy", "https://10.77.0.2:8080", "is not an http://host:port URL")]
    [DataRow("https_proxy", "socks5://10.77.0.2:1080", "is not an http://host:port URL")]
    public void Disagreeing_or_non_http_proxies_are_refused(string name, string value, string expected)
    {
        var env = new Dictionary<string, string> { ["HTTPS_PROXY"] = name == "https_proxy" ? value : Pipelock, [name] = value };

        var ex = Assert.ThrowsExactly<ShimFailureException>(() => ProxyEnvironment.Apply(env, proxy: null, noProxy: null, directHosts: []));

        StringAssert.Contains(ex.Message, expected);
        StringAssert.Contains(ex.Message, value);
    }

    [TestMethod]
    public void No_proxy_at_all_fails_closed()
    {
        var ex = Assert.ThrowsExactly<ShimFailureException>(
            () => ProxyEnvironment.Apply(new Dictionary<string, string> { ["HTTPS_PROXY"] = " " }, proxy: null, noProxy: null, directHosts: []));

        StringAssert.Contains(ex.Message, "no proxy is set");
    }

    [TestMethod]
    public void A_proxy_with_a_path_is_refused()
    {
        var ex = Assert.ThrowsExactly<ShimFailureException>(
            () => ProxyEnvironment.Apply(new Dictionary<string, string>(), "http://10.77.0.2:8080/x", noProxy: null, directHosts: []));

        StringAssert.Contains(ex.Message, "--proxy");
    }
}

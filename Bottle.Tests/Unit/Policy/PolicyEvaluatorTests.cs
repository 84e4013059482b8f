using System.Net;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Pipelock;

namespace Bottle.Tests.Unit.Policy;

[TestClass]
public sealed class PolicyEvaluatorTests
{
    private static readonly EgressPolicy Policy = new(
        [
            TestRules.Host("api.example.com", [443], ["GET", "POST"], ["/v1/", "/status"]),
            TestRules.Host("*.cdn.example.com", [443, 8443]),
            TestRules.Cidr("203.0.113.0/24", [443]),
            TestRules.Cidr("2001:db8::/32"),
        ],
        1);

    [TestMethod]
    [DataRow("GET", "api.example.com", 443, "/v1/models")]
    [DataRow("POST", "API.Example.COM.", 443, "/v1/")]
    [DataRow("GET", "api.example.com", 443, "/status")]
    [DataRow("GET", "api.example.com", 443, "/status/deep")]
    [DataRow("DELETE", "a.b.cdn.example.com", 8443, "/anything")]
    [DataRow("GET", "203.0.113.9", 443, "/")]
    [DataRow("GET", "[2001:db8::1]", 443, "/")]
    public void Covered_requests_are_allowed(string method, string host, int port, string path)
    {
        var decision = PolicyEvaluator.EvaluateRequest(Policy, method, host, port, path);

        Assert.IsTrue(decision.Allowed, decision.Reason);
        Assert.IsNotNull(decision.Rule);
    }

    [TestMethod]
    [DataRow("GET", "evil.example.com", 443, "/v1/", "host-not-allowed")]
    [DataRow("GET", "cdn.example.com", 443, "/", "host-not-allowed")]
    [DataRow("GET", "api.example.com.evil.net", 443, "/v1/", "host-not-allowed")]
    [DataRow("GET", "api.example.com", 80, "/v1/", "port-not-allowed")]
    [DataRow("PUT", "api.example.com", 443, "/v1/", "method-not-allowed")]
    [DataRow("get", "api.example.com", 443, "/v1/", "method-not-allowed")]
    [DataRow("GET", "api.example.com", 443, "/v2/", "path-not-allowed")]
    [DataRow("GET", "api.example.com", 443, "/v1", "path-not-allowed")]
    [DataRow("GET", "api.example.com", 443, "/statusx", "path-not-allowed")]
    [DataRow("GET", "198.51.100.1", 443, "/", "ip-literal")]
    [DataRow("GET", "127.0.0.1", 443, "/", "ip-literal")]
    [DataRow("GET", "[::1]", 443, "/", "ip-literal")]
    [DataRow("GET", "203.0.113.9", 80, "/", "port-not-allowed")]
    public void Uncovered_requests_are_denied_with_the_right_reason(string method, string host, int port, string path, string reason)
    {
        var decision = PolicyEvaluator.EvaluateRequest(Policy, method, host, port, path);

        Assert.IsFalse(decision.Allowed);
        Assert.AreEqual(reason, decision.Reason);
    }

    [TestMethod]
    public void A_deny_for_a_known_host_hints_at_what_is_allowed_there()
    {
        var decision = PolicyEvaluator.EvaluateRequest(Policy, "GET", "api.example.com", 443, "/v2/");

        Assert.AreEqual("allowed for this host: api.example.com:443 GET,POST /v1/,/status", decision.Hint);
    }

    [TestMethod]
    public void Connect_is_judged_by_host_and_port_alone()
    {
        Assert.IsTrue(PolicyEvaluator.EvaluateDestination(Policy, "api.example.com", 443).Allowed);
        Assert.AreEqual(DenyReasons.PortNotAllowed, PolicyEvaluator.EvaluateDestination(Policy, "api.example.com", 22).Reason);
        Assert.AreEqual(DenyReasons.HostNotAllowed, PolicyEvaluator.EvaluateDestination(Policy, "example.com", 443).Reason);
    }

    [TestMethod]
    public void The_empty_policy_denies_everything()
    {
        var decision = PolicyEvaluator.EvaluateRequest(EgressPolicy.DenyAll, "GET", "api.example.com", 443, "/v1/");

        Assert.AreEqual(DenyReasons.HostNotAllowed, decision.Reason);
    }

    [TestMethod]
    public void Store_swaps_whole_snapshots_with_growing_versions()
    {
        var store = new PolicyStore();
        Assert.AreEqual(0, store.Current.Version);
        Assert.AreEqual(0, store.Current.Rules.Count);

        var rules = Policy.Rules.ToList();
        var first = store.Swap(rules);
        rules.Clear(); // the store froze its own copy

        Assert.AreEqual(1, first.Version);
        Assert.AreEqual(4, store.Current.Rules.Count);
        Assert.AreEqual(2, store.Swap([]).Version);
    }

    [TestMethod]
    public void Concurrent_swaps_never_reuse_a_version()
    {
        var store = new PolicyStore();
        var versions = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 2000, _ => versions.Add(store.Swap(Policy.Rules).Version));

        Assert.AreEqual(2000, versions.Distinct().Count());
        Assert.AreEqual(2000, store.Current.Version);
    }

    [TestMethod]
    public void Cidr_rules_do_not_cover_names_and_host_rules_do_not_cover_addresses()
    {
        var policy = new EgressPolicy([new EgressRule(null, IPNetwork.Parse("10.0.0.0/8"), [443], [], [], null)], 1);

        Assert.AreEqual(DenyReasons.HostNotAllowed, PolicyEvaluator.EvaluateDestination(policy, "ten.example.com", 443).Reason);
        Assert.IsTrue(PolicyEvaluator.EvaluateDestination(policy, "10.1.2.3", 443).Allowed);
        Assert.AreEqual(DenyReasons.IpLiteral, PolicyEvaluator.EvaluateDestination(policy, "::ffff:11.0.0.1", 443).Reason);
    }
}

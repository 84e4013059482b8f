using System.Net;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.Tests.Unit.Egress;

/// <summary>The plan's egress config reaches the dialer: the bottle's own subnets stay undialable even under a CIDR rule.</summary>
[TestClass]
public sealed class EgressOptionsFromConfigTests
{
    [TestMethod]
    public void Bottle_subnets_from_the_config_are_refused_even_when_a_rule_names_a_covering_cidr()
    {
        var coveringRule = new EgressRule(null, IPNetwork.Parse("10.0.0.0/8"), [443], [], [], null);
        var config = new EgressConfig(
            new ListenEndpoint("10.202.5.4", 3129), new ListenEndpoint("10.202.5.4", 9901), ["10.202.5.2"],
            [coveringRule], [], [], "/run/bottle/credentials.json", null, "/var/log/bottle/audit.jsonl",
            BottleSubnets: ["10.201.5.0/24", "10.202.5.0/24", "10.203.5.0/24"]);

        var options = EgressOptions.FromConfig(config);
        var policy = new DialPolicy([coveringRule.Cidr!.Value], options.BottleSubnets);

        Assert.AreEqual(3, options.BottleSubnets.Count);
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("10.202.5.2")), "pipelock's own address must not be dialable");
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("10.203.5.1")), "the out network's gateway (the host) must not be dialable");
        Assert.IsNull(policy.Refusal(IPAddress.Parse("10.9.0.1")), "the rule's CIDR outside the bottle stays dialable");
    }

    [TestMethod]
    public void A_bad_subnet_in_the_config_is_an_error_naming_the_field()
    {
        var config = new EgressConfig(
            new ListenEndpoint("10.202.5.4", 3129), new ListenEndpoint("10.202.5.4", 9901), [], [], [], [],
            "/run/bottle/credentials.json", null, "/var/log/bottle/audit.jsonl", BottleSubnets: ["not-a-cidr"]);

        var error = Assert.ThrowsExactly<SidecarConfigException>(() => EgressOptions.FromConfig(config));
        StringAssert.Contains(error.Message, "bottleSubnets");
    }
}

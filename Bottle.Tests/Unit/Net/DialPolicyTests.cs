using System.Net;
using Bottle.Sidecars.Net;

namespace Bottle.Tests.Unit.Net;

[TestClass]
public sealed class DialPolicyTests
{
    [TestMethod]
    public void Public_addresses_pass_and_forbidden_ones_say_why()
    {
        Assert.IsNull(DialPolicy.PublicOnly.Refusal(IPAddress.Parse("8.8.8.8")));
        var refusal = DialPolicy.PublicOnly.Refusal(IPAddress.Parse("169.254.169.254"));
        StringAssert.Contains(refusal, "Metadata");
        StringAssert.Contains(refusal, "169.254.169.254/32");
    }

    [TestMethod]
    public void An_explicit_cidr_rule_opens_only_its_own_range_in_every_form()
    {
        var policy = new DialPolicy([IPNetwork.Parse("10.1.0.0/16")], []);

        Assert.IsNull(policy.Refusal(IPAddress.Parse("10.1.2.3")));
        Assert.IsNull(policy.Refusal(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("10.2.0.1")));
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("127.0.0.1")));
    }

    [TestMethod]
    public void The_bottles_own_subnet_is_refused_even_when_a_rule_names_it_and_even_if_public()
    {
        var policy = new DialPolicy([IPNetwork.Parse("172.16.0.0/12")], [IPNetwork.Parse("172.20.5.0/24"), IPNetwork.Parse("11.0.0.0/24")]);

        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("172.20.5.9")));
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("::ffff:172.20.5.9")));
        Assert.IsNotNull(policy.Refusal(IPAddress.Parse("11.0.0.7")));
        Assert.IsNull(policy.Refusal(IPAddress.Parse("172.21.0.1")));
    }
}

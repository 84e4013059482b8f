using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Pipelock;

namespace Bottle.Tests.Unit.Policy;

[TestClass]
public sealed class SidecarConfigFileTests
{
    private static readonly PipelockConfig Valid = PipelockTestEnvironment.CreateConfig(
        "/tmp/x", [TestRules.Host("*.example.com", [443, 8443], ["GET"], ["/v1/", "/a-b"], "tok"), TestRules.Cidr("2001:db8::/32")]);

    [TestMethod]
    public void A_rendered_config_reads_back_the_same()
    {
        var again = SidecarConfigFile.Parse<PipelockConfig>(SidecarConfigJson.Serialize(Valid), "p.yaml");

        Assert.AreEqual(SidecarConfigJson.Serialize(Valid), SidecarConfigJson.Serialize(again));
        Assert.AreEqual(Valid.Rules[0].Describe(), again.Rules[0].Describe());
        Assert.AreEqual("tok", again.Rules[0].Credential);
    }

    [TestMethod]
    public void An_empty_rule_list_is_a_valid_deny_all_policy() =>
        Assert.AreEqual(0, SidecarConfigFile.Parse<PipelockConfig>(SidecarConfigJson.Serialize(Valid with { Rules = [] }), "p.yaml").Rules.Count);

    [TestMethod]
    [DataRow("", "", "p.yaml: the config is empty")]
    [DataRow("\"rules\"", "\"ruels\"", "'ruels' could not be mapped to any .NET member contained in type 'Bottle.Sidecars.Configuration.PipelockConfig'. (at $.ruels)")]
    [DataRow("\"ports\"", "\"prots\"", "(at $.rules[0].prots)")]
    [DataRow("\"*.example.com\"", "\"*\"", "'*' is not a host pattern")]
    [DataRow("\"*.example.com\"", "\"10.0.0.1\"", "is an IP address, not a host name")]
    [DataRow("\"2001:db8::/32\"", "\"2001:db8::1/32\"", "host bits must be zero")]
    [DataRow("8443", "0", "p.yaml: rules[0].ports[1]: port 0 is not a number from 1 to 65535")]
    [DataRow("\"GET\"", "\"GE T\"", "p.yaml: rules[0].methods[0]: method 'GE T' is not an upper-case HTTP method")]
    [DataRow("\"/a-b\"", "\"/a/../b\"", "p.yaml: rules[0].pathPrefixes[1]: path prefix '/a/../b' is not a plain canonical path")]
    [DataRow("\"cidr\": null", "\"cidr\": \"10.0.0.0/8\"", "p.yaml: rules[0]: a rule names exactly one of 'host' or 'cidr'")]
    [DataRow("\"block\"", "\"blok\"", "(at $.dlp.mode)")]
    public void Bad_configs_are_rejected_naming_the_file_and_where(string find, string replace, string expected)
    {
        var text = find.Length == 0 ? "" : SidecarConfigJson.Serialize(Valid).Replace(find, replace, StringComparison.Ordinal);
        Assert.AreNotEqual(SidecarConfigJson.Serialize(Valid), text, "the mutation applied");

        var ex = Assert.ThrowsExactly<SidecarConfigException>(() => SidecarConfigFile.Parse<PipelockConfig>(text, "p.yaml"));

        StringAssert.Contains(ex.Message, expected);
        if (ex.Message.Length > 7 && char.IsAsciiDigit(ex.Message[7]))
        {
            // Syntax and type errors say the line of the bad value.
            var line = text.Split('\n').ToList().FindIndex(l => l.Contains(replace, StringComparison.Ordinal)) + 1;
            StringAssert.StartsWith(ex.Message, $"p.yaml:{line}:");
        }
    }

    [TestMethod]
    public void A_missing_file_is_named()
    {
        var ex = Assert.ThrowsExactly<SidecarConfigException>(() => SidecarConfigFile.Load<EgressConfig>("/nonexistent/egress.yaml"));

        StringAssert.Contains(ex.Message, "config '/nonexistent/egress.yaml' cannot be read");
    }
}

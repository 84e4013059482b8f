using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Policy;

namespace Bottle.Tests.Unit.Policy;

[TestClass]
public sealed class PipelockConfigFileTests
{
    [TestMethod]
    public void Parses_rules_with_defaults()
    {
        var rules = PipelockConfigFile.Parse("""
            allow:
              - host: API.example.com
                methods: [get, Post]
                paths: [/v1/, "/v1/../v2"]
                credential: gh
              - cidr: 203.0.113.0/24
                ports: 8443
            """, "p.yaml");

        Assert.AreEqual(2, rules.Count);
        Assert.AreEqual("api.example.com", rules[0].Host!.Value);
        Assert.AreEqual("443", string.Join(",", rules[0].Ports));
        Assert.AreEqual("GET,POST", string.Join(",", rules[0].Methods));
        Assert.AreEqual("/v1/,/v2", string.Join(",", rules[0].PathPrefixes));
        Assert.AreEqual("gh", rules[0].Credential);
        Assert.AreEqual("203.0.113.0/24", rules[1].Cidr.ToString());
        Assert.AreEqual("8443", string.Join(",", rules[1].Ports));
    }

    [TestMethod]
    public void Empty_allow_list_is_a_valid_deny_all_policy() =>
        Assert.AreEqual(0, PipelockConfigFile.Parse("allow: []", "p.yaml").Count);

    [TestMethod]
    [DataRow("", "p.yaml: the config is empty")]
    [DataRow("rules: []", "p.yaml:1:1: unknown key 'rules'")]
    [DataRow("allow:\n  - host: a.example.com\n    port: [443]", "p.yaml:3:5: unknown rule key 'port'")]
    [DataRow("allow:\n  - host: \"*\"", "p.yaml:2:11: '*' is not a host pattern")]
    [DataRow("allow:\n  - host: 10.0.0.1", "is an IP address, not a host name")]
    [DataRow("allow:\n  - cidr: 10.0.0.1/8", "p.yaml:2:11: cidr '10.0.0.1/8' is not an address range")]
    [DataRow("allow:\n  - host: a.example.com\n    ports: [0]", "p.yaml:3:13: port '0' is not a number from 1 to 65535")]
    [DataRow("allow:\n  - host: a.example.com\n    methods: [\"GE T\"]", "method 'GE T' is not an HTTP method")]
    [DataRow("allow:\n  - host: a.example.com\n    paths: [v1]", "path prefix 'v1' is not a plain path")]
    [DataRow("allow:\n  - host: a.example.com\n    cidr: 10.0.0.0/8", "p.yaml:2:5: a rule names exactly one of 'host' or 'cidr'")]
    [DataRow("allow: [", "p.yaml:2:1: not valid YAML")]
    public void Bad_configs_are_rejected_with_file_line_and_reason(string yaml, string expected)
    {
        var ex = Assert.ThrowsExactly<PipelockConfigException>(() => PipelockConfigFile.Parse(yaml, "p.yaml"));

        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void Serialized_rules_read_back_the_same()
    {
        var rules = PipelockConfigFile.Parse("""
            allow:
              - host: "*.example.com"
                ports: [443, 8443]
                methods: [GET]
                paths: [/v1/, /a-b]
                credential: tok
              - cidr: 2001:db8::/32
            """, "p.yaml");

        var again = PipelockConfigFile.Parse(PipelockConfigFile.Serialize(rules), "again");

        Assert.AreEqual(rules.Count, again.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            Assert.AreEqual(rules[i].Describe(), again[i].Describe());
            Assert.AreEqual(rules[i].Credential, again[i].Credential);
        }
    }

    [TestMethod]
    public void Write_atomically_leaves_only_the_final_file()
    {
        var dir = Directory.CreateTempSubdirectory("pipelock-config-").FullName;
        try
        {
            var path = Path.Combine(dir, "pipelock.yaml");
            PipelockConfigFile.WriteAtomically(path, [new EgressRule(HostPattern.Parse("a.example.com"), null, [443], [], [], null)]);

            Assert.AreEqual(1, PipelockConfigFile.Load(path).Count);
            Assert.AreEqual("pipelock.yaml", string.Join(",", Directory.GetFiles(dir).Select(Path.GetFileName)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

using System.Net;
using System.Text;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Egress;

namespace Bottle.Tests.Unit.Egress;

[TestClass]
public sealed class CredentialInjectorTests
{
    private const string RealToken = "ghp_realtoken0123456789abcdefghijklmnop";
    private static readonly string Placeholder = CredentialPlaceholder.Create("test", "api");
    private static readonly EgressRule GitHubRule = new(HostPattern.Parse("api.github.com"), null, [443], [], [], "github");
    private static readonly EgressRule GitHubRuleWithoutCredential = GitHubRule with { Credential = null };
    private static readonly EgressRule OtherRule = new(HostPattern.Parse("example.org"), null, [443], [], [], null);
    private static CredentialInjector injector = null!;

    [ClassInitialize]
    public static void Create(TestContext context)
    {
        var file = EgressHarness.WriteCredentials(new Dictionary<string, string> { ["github"] = RealToken });
        injector = new CredentialInjector(
            [new CredentialBinding(Placeholder, "github", [HostPattern.Parse("api.github.com")], "Authorization", "Bearer {value}")],
            CredentialStore.Load(file));
    }

    [TestMethod]
    public void Injects_into_the_bound_header_for_its_host_over_https()
    {
        var decision = injector.Decide(true, "api.github.com", GitHubRule, "https://api.github.com/user", Headers(("Authorization", $"Bearer {Placeholder}")), []);

        Assert.IsFalse(decision.IsBlocked);
        Assert.AreEqual($"Bearer {RealToken}", decision.Headers.Single(h => h.Key == "Authorization").Value);
        Assert.AreEqual("github", decision.Injected.Single());
    }

    [TestMethod]
    [DataRow(false, "api.github.com", "github", DisplayName = "plain http")]
    [DataRow(true, "example.org", "other", DisplayName = "another host")]
    [DataRow(true, "api.github.com", "none", DisplayName = "rule does not name the credential")]
    public void Refuses_a_placeholder_headed_where_it_does_not_belong(bool https, string host, string ruleKind)
    {
        var rule = ruleKind switch { "github" => GitHubRule, "other" => OtherRule, _ => GitHubRuleWithoutCredential };

        var decision = injector.Decide(https, host, rule, $"https://{host}/", Headers(("Authorization", $"Bearer {Placeholder}")), []);

        Assert.IsTrue(decision.IsBlocked);
        Assert.IsTrue(decision.Headers.Count == 0 && decision.Injected.Count == 0);
    }

    [TestMethod]
    public void Finds_placeholders_in_other_headers_the_url_and_the_body_whatever_their_case()
    {
        var upper = Placeholder.ToUpperInvariant();
        Assert.IsTrue(injector.Decide(true, "example.org", OtherRule, "https://example.org/", Headers(("X-Leak", upper)), []).IsBlocked);
        Assert.IsTrue(injector.Decide(true, "example.org", OtherRule, $"https://example.org/?t={Uri.EscapeDataString(Placeholder)}", Headers(), []).IsBlocked);
        Assert.IsTrue(injector.Decide(true, "example.org", OtherRule, "https://example.org/", Headers(), Encoding.UTF8.GetBytes($"token={upper}")).IsBlocked);
        Assert.IsFalse(injector.Decide(true, "example.org", OtherRule, "https://example.org/", Headers(("X-Other", CredentialPlaceholder.Create("test", "other"))), []).IsBlocked,
            "a placeholder egress does not know carries no secret");
    }

    [TestMethod]
    public void Never_puts_the_real_value_anywhere_but_the_bound_header()
    {
        var decision = injector.Decide(true, "api.github.com", GitHubRule, $"https://api.github.com/?t={Placeholder}",
            Headers(("Authorization", $"Bearer {Placeholder}"), ("X-Copy", Placeholder)), Encoding.UTF8.GetBytes(Placeholder));

        Assert.IsFalse(decision.IsBlocked);
        Assert.AreEqual(Placeholder, decision.Headers.Single(h => h.Key == "X-Copy").Value);
        Assert.AreEqual(1, decision.Headers.Count(h => h.Value.Contains(RealToken, StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Redacts_real_values_echoed_back() =>
        Assert.AreEqual($"token {CredentialInjector.RedactedMarker} ok", injector.Redact($"token {RealToken} ok"));

    [TestMethod]
    public void A_binding_to_a_credential_the_file_lacks_is_refused_at_start()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => new CredentialInjector(
            [new CredentialBinding(Placeholder, "npm", [HostPattern.Parse("registry.npmjs.org")], "Authorization")], CredentialStore.Empty));
        StringAssert.Contains(error.Message, "'npm'");
    }

    private static List<KeyValuePair<string, string>> Headers(params (string Name, string Value)[] headers) =>
        [new("Host", "x"), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];
}

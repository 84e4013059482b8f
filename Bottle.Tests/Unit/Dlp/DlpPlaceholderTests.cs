using System.Text;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Policy;
using Microsoft.Extensions.Primitives;

namespace Bottle.Tests.Unit.Dlp;

[TestClass]
public sealed class DlpPlaceholderTests
{
    private const string Anthropic = "bottle-cred-0b6f4a52-3c1d-4e8f-9a7b-2d5e6f708192";
    private const string Unbound = "bottle-cred-11111111-2222-4333-8444-555555555555";

    private static readonly DlpScanner Scanner = new(new DlpOptions
    {
        PlaceholderBindings = new Dictionary<string, IReadOnlyList<HostPattern>>
        {
            [Anthropic] = [HostPattern.Parse("api.anthropic.com"), HostPattern.Parse("*.anthropic.com")],
        },
    });

    [TestMethod]
    [DataRow("api.anthropic.com")]
    [DataRow("console.anthropic.com")]
    [DataRow("API.Anthropic.com")]
    public void Placeholder_to_its_own_host_passes(string host)
    {
        var headers = new Dictionary<string, StringValues> { ["x-api-key"] = Anthropic };

        Assert.IsTrue(Scanner.ScanHeaders(headers, host).IsClean);
    }

    [TestMethod]
    [DataRow("evil.example.test")]
    [DataRow("anthropic.com.evil.test")]
    [DataRow("anthropic.com")]
    public void Placeholder_to_another_host_is_a_finding(string host)
    {
        var headers = new Dictionary<string, StringValues> { ["x-api-key"] = Anthropic };

        var finding = Scanner.ScanHeaders(headers, host).Findings.Single();

        Assert.AreEqual("credential-placeholder", finding.RuleId);
        Assert.AreEqual("x-api-key", finding.Name);
    }

    [TestMethod]
    public void Placeholder_hidden_in_base64_in_a_body_is_found()
    {
        var body = Encoding.ASCII.GetBytes("{\"blob\":\"" + Convert.ToBase64String(Encoding.ASCII.GetBytes("key=" + Anthropic)) + "\"}");

        var result = Scanner.ScanBodyAsync(new MemoryStream(body), null, "paste.example.test", CancellationToken.None).GetAwaiter().GetResult();

        Assert.AreEqual("base64", result.Findings.Single(f => f.RuleId == "credential-placeholder").Encoding);
    }

    [TestMethod]
    public void Placeholder_with_no_destination_is_a_finding()
    {
        Assert.AreEqual("credential-placeholder", Scanner.ScanText($"KEY={Anthropic}", "notes.md", null).Findings.Single().RuleId);
    }

    [TestMethod]
    public void Unbound_placeholder_carries_no_credential_and_passes()
    {
        Assert.IsTrue(Scanner.ScanUrl($"/x?k={Unbound}", "evil.example.test").IsClean);
    }

    [TestMethod]
    public void Placeholders_are_not_flagged_by_the_generic_rule_when_bound_host_matches()
    {
        Assert.IsTrue(Scanner.ScanText($"ANTHROPIC_API_KEY={Anthropic}", "env", "api.anthropic.com").IsClean);
    }
}

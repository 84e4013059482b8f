using System.Text;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Unit.Dlp.Fixtures;
using Microsoft.Extensions.Primitives;

namespace Bottle.Tests.Unit.Dlp;

[TestClass]
public sealed class DlpScannerTests
{
    private static readonly string GithubToken = "ghp_" + Fake.Alnum(36);
    private static readonly DlpScanner Scanner = new(new DlpOptions());

    [TestMethod]
    public void Clean_url_yields_the_shared_clean_result()
    {
        var result = Scanner.ScanUrl("/repos/octo/hello/pulls?state=open&per_page=100&sort=updated", "api.github.com");

        Assert.AreSame(DlpScanResult.Clean, result);
        Assert.IsFalse(result.ShouldBlock(DlpMode.Block));
    }

    [TestMethod]
    public void Secret_in_query_string_is_found_with_its_offset()
    {
        var url = $"/v1/search?q=cats&token={GithubToken}";

        var finding = Scanner.ScanUrl(url, "api.example.test").Findings.Single(f => f.RuleId == "github-pat");

        Assert.AreEqual(DlpLocation.Url, finding.Location);
        Assert.AreEqual(url.IndexOf("ghp_", StringComparison.Ordinal), finding.Offset);
        Assert.IsNull(finding.Encoding);
    }

    [TestMethod]
    [DataRow("percent")]
    [DataRow("base64")]
    [DataRow("base64url")]
    [DataRow("hex")]
    [DataRow("percent+base64")]
    public void Encoded_secret_in_url_is_found_and_the_encoding_is_named(string encoding)
    {
        var payload = $"{{\"auth\":\"{GithubToken}\"}}";
        var encoded = encoding switch
        {
            "percent" => string.Concat(Encoding.ASCII.GetBytes(payload).Select(b => $"%{b:X2}")),
            "base64" => Convert.ToBase64String(Encoding.ASCII.GetBytes(payload)),
            "base64url" => Convert.ToBase64String(Encoding.ASCII.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            "hex" => Convert.ToHexString(Encoding.ASCII.GetBytes(payload)),
            _ => Uri.EscapeDataString(Convert.ToBase64String(Encoding.ASCII.GetBytes(payload + "??>>"))),
        };

        var result = Scanner.ScanUrl($"/collect?d={encoded}", "telemetry.example.test");

        var finding = result.Findings.FirstOrDefault(f => f.RuleId == "github-pat");
        Assert.IsNotNull(finding, $"no finding in {encoding}");
        Assert.Contains(encoding == "base64url" ? "base64" : encoding.Split('+')[^1], finding.Encoding ?? string.Empty);
    }

    [TestMethod]
    public void Decoding_stops_at_the_configured_depth()
    {
        var layered = GithubToken;
        for (var i = 0; i < 3; i++)
        {
            layered = Convert.ToBase64String(Encoding.ASCII.GetBytes(layered));
        }

        var deepEnough = new DlpScanner(new DlpOptions { MaxDecodeDepth = 3 });
        var tooShallow = new DlpScanner(new DlpOptions { MaxDecodeDepth = 2 });

        Assert.AreEqual("base64+base64+base64", deepEnough.ScanUrl($"/x?d={layered}", "h.test").Findings.Single().Encoding);
        Assert.IsTrue(tooShallow.ScanUrl($"/x?d={layered}", "h.test").IsClean);
    }

    [TestMethod]
    public void Header_findings_carry_the_header_name_and_name_keyed_rules_see_the_name()
    {
        var headers = new Dictionary<string, StringValues>
        {
            ["Accept"] = "application/json",
            ["Authorization"] = $"token {GithubToken}",
            ["X-Api-Key"] = Fake.Alnum(32),
        };

        var result = Scanner.ScanHeaders(headers, "api.example.test");

        Assert.AreEqual("Authorization", result.Findings.Single(f => f.RuleId == "github-pat").Name);
        Assert.AreEqual("X-Api-Key", result.Findings.Single(f => f.RuleId == "generic-secret-assignment").Name);
        Assert.IsTrue(result.Findings.All(f => f.Location == DlpLocation.Header));
    }

    [TestMethod]
    public void Same_secret_twice_is_reported_once()
    {
        var result = Scanner.ScanText($"a={GithubToken}\nb={GithubToken}\n", "f.txt", null);

        Assert.HasCount(1, result.Findings.Where(f => f.RuleId == "github-pat"));
    }

    [TestMethod]
    public void Text_findings_carry_line_numbers()
    {
        var text = $"line one\nline two\nexport TOKEN={GithubToken}\n";

        var finding = Scanner.ScanText(text, "src/app.env", null).Findings.Single(f => f.RuleId == "github-pat");

        Assert.AreEqual(3, finding.Line);
        Assert.AreEqual("src/app.env", finding.Name);
        Assert.AreEqual(DlpLocation.Text, finding.Location);
    }

    [TestMethod]
    public void Several_findings_each_carry_their_own_line()
    {
        var npm = "npm_" + Fake.Alnum(36, seed: 4);
        var text = $"one\nnpm = {npm}\nthree\nfour\ngh = {GithubToken}\nsix\n\n\nnine {npm}x {GithubToken}\n";
        var expected = new Dictionary<string, int> { ["npm-access-token"] = 2, ["github-pat"] = 5 };

        // Rules run github before npm, so the findings come out of offset order: lines must still be right.
        var findings = Scanner.ScanText(text, "f.txt", null).Findings;

        foreach (var (rule, line) in expected)
        {
            Assert.AreEqual(line, findings.Single(f => f.RuleId == rule).Line, rule);
        }
    }

    [TestMethod]
    [DataRow("var token = cancellationToken;")]
    [DataRow("password: ${DB_PASSWORD}")]
    [DataRow("api_key = \"<your-api-key-here>\"")]
    [DataRow("secret = \"xxxxxxxxxxxxxxxxxxxx\"")]
    [DataRow("client_secret: {{ secrets.CLIENT_SECRET }}")]
    [DataRow("token = GetTokenFromEnvironmentVariable();")]
    public void Generic_rule_leaves_code_and_templates_alone(string line)
    {
        Assert.IsTrue(Scanner.ScanText(line, "code.cs", null).IsClean, line);
    }

    [TestMethod]
    public void Mode_decides_whether_findings_block()
    {
        var result = Scanner.ScanText(GithubToken, null, null);

        Assert.IsTrue(result.ShouldBlock(DlpMode.Block));
        Assert.IsFalse(result.ShouldBlock(DlpMode.Warn));
        Assert.IsFalse(result.ShouldBlock(DlpMode.Audit));
    }

    [TestMethod]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new DlpScanner(new DlpOptions { MaxBodyBytes = 0 }));
        Assert.Contains("max body bytes", ex.Message);

        var bad = new Dictionary<string, IReadOnlyList<HostPattern>> { ["not-a-placeholder"] = [HostPattern.Parse("a.test")] };
        ex = Assert.ThrowsExactly<ArgumentException>(() => new DlpScanner(new DlpOptions { PlaceholderBindings = bad }));
        Assert.Contains("'not-a-placeholder'", ex.Message);
    }
}

using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Rules;
using Bottle.Tests.Unit.Dlp.Fixtures;

namespace Bottle.Tests.Unit.Dlp;

[TestClass]
public sealed class DlpDefaultRuleTests
{
    private static readonly DlpScanner Scanner = new(new DlpOptions());

    public static IEnumerable<object[]> RuleIds => DlpDefaultRules.All.Select(r => new object[] { r.Id });

    [TestMethod]
    public void Default_rule_set_has_at_least_60_rules_with_unique_ids_and_fixtures()
    {
        Assert.IsGreaterThanOrEqualTo(60, DlpDefaultRules.All.Count);
        Assert.HasCount(DlpDefaultRules.All.Count, DlpDefaultRules.All.Select(r => r.Id).Distinct());
        var missing = DlpDefaultRules.All.Select(r => r.Id).Where(id => !DlpRuleFixtures.ByRule.ContainsKey(id)).ToList();
        Assert.IsEmpty(missing, $"rules without fixtures: {string.Join(", ", missing)}");
    }

    [TestMethod]
    [DynamicData(nameof(RuleIds))]
    public void Rule_finds_its_true_positive(string ruleId)
    {
        var text = DlpRuleFixtures.ByRule[ruleId].TruePositive;

        var result = Scanner.ScanText(text, "fixture", destinationHost: null);

        Assert.IsTrue(result.Findings.Any(f => f.RuleId == ruleId), $"{ruleId} missed its fixture; found: {Describe(result)}");
    }

    [TestMethod]
    [DynamicData(nameof(RuleIds))]
    public void Rule_ignores_its_false_positive(string ruleId)
    {
        var text = DlpRuleFixtures.ByRule[ruleId].FalsePositive;

        var result = Scanner.ScanText(text, "fixture", destinationHost: null);

        Assert.IsFalse(result.Findings.Any(f => f.RuleId == ruleId), $"{ruleId} flagged its near miss: {Describe(result)}");
    }

    [TestMethod]
    [DynamicData(nameof(RuleIds))]
    public void Finding_never_contains_the_secret(string ruleId)
    {
        var text = DlpRuleFixtures.ByRule[ruleId].TruePositive;

        var finding = Scanner.ScanText(text, "fixture", destinationHost: null).Findings.First(f => f.RuleId == ruleId);

        // The redacted form is a prefix of at most 6 characters, an ellipsis and the fingerprint.
        var prefix = finding.Redacted[..finding.Redacted.IndexOf('…', StringComparison.Ordinal)];
        Assert.IsLessThanOrEqualTo(6, prefix.Length);
        Assert.EndsWith($"sha256:{finding.Fingerprint}", finding.Redacted);
        Assert.AreEqual(12, finding.Fingerprint.Length);
        Assert.IsFalse(text.Contains(finding.Redacted, StringComparison.Ordinal));
    }

    private static string Describe(DlpScanResult result) =>
        result.Findings.Count == 0 ? "nothing" : string.Join(", ", result.Findings.Select(f => $"{f.RuleId}@{f.Offset}"));
}

using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Rules;

namespace Bottle.Tests.Unit.Dlp;

[TestClass]
public sealed class DlpUserRuleTests
{
    [TestMethod]
    public void Valid_user_rule_is_built_with_non_backtracking_and_finds_its_pattern()
    {
        Assert.IsTrue(DlpRule.TryCreateUserRule("acme-key", @"acme_[0-9a-f]{16}", ["acme_"], 0, 0, out var rule, out var error), error);
        Assert.IsTrue(rule.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));

        var scanner = new DlpScanner(new DlpOptions { Rules = [.. DlpDefaultRules.All, rule] });

        Assert.AreEqual("acme-key", scanner.ScanUrl("/x?k=acme_0123456789abcdef", "h.test").Findings.Single().RuleId);
    }

    [TestMethod]
    public void Keywordless_user_rule_runs_over_all_text()
    {
        Assert.IsTrue(DlpRule.TryCreateUserRule("internal-id", @"INT-[0-9]{6}-[A-Z]{4}", null, 0, 0, out var rule, out var error), error);
        var scanner = new DlpScanner(new DlpOptions { Rules = [rule] });

        Assert.AreEqual(1, scanner.ScanText("ticket INT-123456-ABCD closed", null, null).Findings.Count);
    }

    [TestMethod]
    [DataRow("bad-ref", @"(a)\1", "linear-time")]
    [DataRow("bad-look", @"(?<=x)secret", "linear-time")]
    [DataRow("bad-parse", @"[unclosed", "does not parse")]
    [DataRow("matches-all", @"a*", "empty string")]
    [DataRow("Bad_Id", @"abc", "is not valid")]
    public void Invalid_user_rules_are_refused_with_the_rule_named(string id, string pattern, string why)
    {
        Assert.IsFalse(DlpRule.TryCreateUserRule(id, pattern, null, 0, 0, out _, out var error));

        Assert.Contains(id, error);
        Assert.Contains(why, error);
    }

    [TestMethod]
    public void Missing_secret_group_is_refused()
    {
        Assert.IsFalse(DlpRule.TryCreateUserRule("grp", @"k=(\w+)", null, 0, 2, out _, out var error));
        Assert.Contains("secret group 2", error);
    }

    [TestMethod]
    public void Catastrophic_pattern_completes_on_hostile_input()
    {
        // (a+)+$ takes exponential time under a backtracking engine on "aaaa...!"; NonBacktracking is linear.
        Assert.IsTrue(DlpRule.TryCreateUserRule("redos", @"(a+)+$", null, 0, 0, out var rule, out var error), error);
        var scanner = new DlpScanner(new DlpOptions { Rules = [rule] });
        var hostile = new string('a', 50_000) + "!";

        Assert.IsTrue(scanner.ScanText(hostile, null, null).IsClean);
    }
}

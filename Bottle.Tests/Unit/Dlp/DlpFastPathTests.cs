using System.Text;
using Bottle.Sidecars.Dlp;
using Bottle.Tests.Unit.Dlp.Fixtures;

namespace Bottle.Tests.Unit.Dlp;

/// <summary>
/// The scanner's vector passes work in blocks (64 positions for keywords and for base64 runs, 16 on the narrower
/// path, scalar at the end). A secret must be found wherever it falls: straddling any block edge, ending the
/// text, or inside a base64 run that itself straddles one.
/// </summary>
[TestClass]
public sealed class DlpFastPathTests
{
    private static readonly DlpScanner Scanner = new(new DlpOptions());
    private static readonly string GithubToken = "ghp_" + Fake.Alnum(36);
    private static readonly string Filler = string.Concat(Enumerable.Repeat("    if self.value is None: return default  # plain code\n", 8));

    [TestMethod]
    public void Token_at_every_offset_across_block_edges_is_found_at_its_offset()
    {
        for (var offset = 0; offset < 200; offset++)
        {
            var text = Filler[..offset] + " " + GithubToken + " " + Filler[..(offset % 7)];

            var finding = Scanner.ScanText(text, null, null).Findings.SingleOrDefault(f => f.RuleId == "github-pat");

            Assert.IsNotNull(finding, $"token at {offset}");
            Assert.AreEqual(offset + 1, finding.Offset, $"token at {offset}");
        }
    }

    [TestMethod]
    public void Token_ending_the_text_is_found_for_every_text_length()
    {
        for (var length = GithubToken.Length + 1; length < GithubToken.Length + 200; length++)
        {
            var text = Filler[..(length - GithubToken.Length - 1)] + " " + GithubToken;

            Assert.IsTrue(Scanner.ScanText(text, null, null).Findings.Any(f => f.RuleId == "github-pat"), $"text of {length}");
        }
    }

    [TestMethod]
    public void Keyword_assignment_at_every_offset_is_found()
    {
        var line = "API_KEY=\"" + Fake.Alnum(28, seed: 3) + "\"";
        for (var offset = 0; offset < 150; offset += 3)
        {
            var text = Filler[..offset] + line + "\n" + Filler[..(offset % 11)];

            Assert.IsTrue(Scanner.ScanText(text, null, null).Findings.Any(f => f.RuleId == "generic-secret-assignment"), $"at {offset}");
        }
    }

    [TestMethod]
    [DataRow("password{0}'\" ?= \"{1}\"")]
    [DataRow("passwd{0}   :=     {1}\n")]
    [DataRow("token{0}\"\"\"=> {1};")]
    [DataRow("private.key: {1}")]
    [DataRow("access.key = {1}")]
    [DataRow("auth.key={1}")]
    public void Generic_assignment_with_the_longest_name_and_gap_before_its_separator_is_found(string shape)
    {
        // The rule skips keywords with no '=' or ':' close after them: the farthest separator its regex allows must
        // still count (20 name characters, 3 quotes or spaces, "ord" after "passw", the '?' of "?=").
        var line = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, "_for_the_main_db_abc", Fake.Alnum(30, seed: 5));

        Assert.IsTrue(Scanner.ScanText(Filler + line, null, null).Findings.Any(f => f.RuleId == "generic-secret-assignment"), line);
    }

    [TestMethod]
    public void Base64_token_at_every_offset_and_at_the_end_is_found_and_named()
    {
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{{\"auth\":\"{GithubToken}\"}}"));
        for (var offset = 0; offset < 140; offset++)
        {
            foreach (var tail in new[] { string.Empty, "\n", " " + Filler[..(offset % 13)] })
            {
                var text = Filler[..offset] + " " + encoded + tail;

                var finding = Scanner.ScanText(text, null, null).Findings.SingleOrDefault(f => f.RuleId == "github-pat");

                Assert.IsNotNull(finding, $"base64 at {offset}, tail {tail.Length}");
                Assert.AreEqual("base64", finding.Encoding);
                Assert.AreEqual(offset + 1, finding.Offset, "a decoded finding points at its run");
            }
        }
    }

    [TestMethod]
    public void Base64_token_right_after_a_long_identifier_run_is_found()
    {
        // A member run that is not a clean base64 encoding, then a separator, then the encoded secret: the finder
        // must report the second run on its own, wherever the separator falls against a block edge.
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes($"token {GithubToken}"));
        for (var identifier = 20; identifier < 140; identifier += 5)
        {
            var text = new string('x', identifier) + "." + encoded;

            Assert.IsTrue(Scanner.ScanText(text, null, null).Findings.Any(f => f.RuleId == "github-pat"), $"after {identifier}");
        }
    }
}

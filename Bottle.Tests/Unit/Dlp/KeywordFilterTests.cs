using System.Text;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Dlp.Engine;
using Bottle.Sidecars.Dlp.Rules;
using Bottle.Tests.Unit.Dlp.Fixtures;

namespace Bottle.Tests.Unit.Dlp;

/// <summary>
/// The pre-filter may report too much but never too little: every position where a keyword starts (any case)
/// must come out of <see cref="KeywordFilter.IndexOfCandidate"/>, whether it falls in a vector block, the
/// scalar tail, the first or the last characters of the text, with the wide (64-position) pass and without it.
/// </summary>
[TestClass]
public sealed class KeywordFilterTests
{
    private static readonly string[] Keywords =
        [.. DlpDefaultRules.All.SelectMany(r => r.Keywords).Append("bottle-cred-").Distinct(StringComparer.OrdinalIgnoreCase)];

    // The 64-position AVX-512 VBMI pass where this CPU has it, and the 16-position pass: both must lose nothing.
    private static readonly KeywordFilter[] Filters = [new(Keywords), new(Keywords, allowWide: false)];

    [TestMethod]
    public void Every_keyword_at_every_offset_of_texts_of_every_block_length_is_a_candidate()
    {
        var filler = "def f(x): return self.value  # ünïcødé ščř 日本 \t";
        foreach (var keyword in Keywords)
        {
            var cased = MixCase(keyword);
            foreach (var length in new[] { keyword.Length, keyword.Length + 1, 19, 20, 21, 35, 36, 37, 50, 66, 67, 68, 70, 83, 131, 132, 140 })
            {
                for (var offset = 0; offset + keyword.Length <= length; offset++)
                {
                    var text = new StringBuilder(length);
                    for (var i = 0; i < length; i++)
                    {
                        text.Append(filler[(i * 5) % filler.Length]);
                    }

                    text.Remove(offset, keyword.Length).Insert(offset, cased);
                    foreach (var filter in Filters)
                    {
                        Assert.Contains(offset, Candidates(filter, text.ToString()), $"'{cased}' at {offset} of {length}");
                    }
                }
            }
        }
    }

    [TestMethod]
    public void Random_texts_full_of_keyword_pieces_lose_no_keyword_position()
    {
        var random = new Random(20261123);
        var pieces = Keywords.Concat(Keywords.Select(k => k[..3])).Concat(["a", "_", "-", "Ā", "é", " ", "=", "K", "\u212A"]).ToArray();
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            while (text.Length < random.Next(0, 300))
            {
                var piece = pieces[random.Next(pieces.Length)];
                text.Append(random.Next(2) == 0 ? piece.ToUpperInvariant() : MixCase(piece));
            }

            var s = text.ToString();
            foreach (var filter in Filters)
            {
                var candidates = Candidates(filter, s);
                for (var i = 0; i < s.Length; i++)
                {
                    foreach (var keyword in Keywords)
                    {
                        if (s.AsSpan(i).StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                        {
                            Assert.Contains(i, candidates, $"'{keyword}' at {i} of \"{s}\"");
                        }
                    }
                }
            }
        }
    }

    [TestMethod]
    public void Plain_code_yields_few_candidates()
    {
        var code = string.Concat(Enumerable.Repeat("public sealed class Widget { public int Count { get; set; } } // plain code\n", 200));

        // Only the last three positions (always reported) and false positives; far fewer than one per 16 characters.
        foreach (var filter in Filters)
        {
            Assert.IsLessThan(code.Length / 16, Candidates(filter, code).Count);
        }
    }

    [TestMethod]
    [DataRow("Api_Key = \"{0}\"")]
    [DataRow("x\nPASSWORD: {0}")]
    [DataRow("SeCrEt={0}")]
    public void Mixed_case_keyword_gated_secret_is_found_at_the_start_and_end_of_text(string shape)
    {
        var scanner = new DlpScanner(new DlpOptions());
        var line = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Fake.Alnum(24));

        Assert.IsTrue(scanner.ScanText(line, null, null).Findings.Any(f => f.RuleId == "generic-secret-assignment"), line);
        Assert.IsTrue(scanner.ScanText(new string(' ', 45) + line, null, null).Findings.Any(f => f.RuleId == "generic-secret-assignment"), "at end");
    }

    private static List<int> Candidates(KeywordFilter filter, string text)
    {
        var found = new List<int>();
        for (var i = filter.IndexOfCandidate(text, 0); i >= 0; i = filter.IndexOfCandidate(text, i + 1))
        {
            found.Add(i);
        }

        return found;
    }

    private static string MixCase(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i += 2)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }

        return new string(chars);
    }
}

using Bottle.Sidecars.Dlp.Engine;
using Bottle.Tests.Unit.Dlp.Fixtures;

namespace Bottle.Tests.Unit.Dlp;

/// <summary>The table-driven entropy must equal the textbook -sum(p log2 p), short and long, ASCII or not.</summary>
[TestClass]
public sealed class ShannonEntropyTests
{
    [TestMethod]
    [DataRow("")]
    [DataRow("a")]
    [DataRow("aaaaaaaa")]
    [DataRow("abcdefghijklmnop")]
    [DataRow("password123")]
    [DataRow("ünïcødé ščř 日本 mixed with ASCII")]
    public void Matches_the_definition(string text)
    {
        Assert.AreEqual(Reference(text), ShannonEntropy.Of(text), 1e-9, text);
    }

    [TestMethod]
    public void Matches_the_definition_when_counts_outgrow_the_table()
    {
        var text = string.Concat(Enumerable.Repeat(Fake.Alnum(40), 50)) + new string('x', 700) + new string('é', 600);

        Assert.AreEqual(Reference(text), ShannonEntropy.Of(text), 1e-9);
    }

    [TestMethod]
    public void Sixteen_distinct_characters_are_exactly_four_bits()
    {
        Assert.AreEqual(4.0, ShannonEntropy.Of("0123456789abcdef"));
    }

    // Non-ASCII characters count as one symbol, as the scanner documents.
    private static double Reference(string text) =>
        -text.GroupBy(c => c < 128 ? c : '\uFFFF').Select(g => (double)g.Count() / text.Length).Sum(p => p * Math.Log2(p));
}

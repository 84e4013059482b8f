using System.Text;
using Bottle.Sidecars.Dlp.Decoding;

namespace Bottle.Tests.Unit.Dlp;

/// <summary>
/// The vectorised run finder must report exactly the maximal runs of at least 24 base64/hex characters a
/// character-by-character reading finds: runs inside one 64-character block, across blocks, spanning several,
/// at the very start and very end of the text, and in texts shorter than a block (the scalar tail).
/// </summary>
[TestClass]
public sealed class EncodedRunFinderTests
{
    private const string Members = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";

    [TestMethod]
    public void Runs_of_every_length_at_every_offset_around_block_edges_are_found_whole()
    {
        foreach (var textLength in new[] { 23, 24, 25, 63, 64, 65, 127, 128, 129, 200 })
        {
            foreach (var runLength in new[] { 23, 24, 25, 40, 63, 64, 65, 100, 130 })
            {
                for (var offset = 0; offset + runLength <= textLength; offset++)
                {
                    var text = new StringBuilder(new string(' ', textLength));
                    for (var i = 0; i < runLength; i++)
                    {
                        text[offset + i] = Members[(i * 7) % Members.Length];
                    }

                    var s = text.ToString();
                    CollectionAssert.AreEqual(Reference(s), Found(s), $"run of {runLength} at {offset} in {textLength}");
                }
            }
        }
    }

    [TestMethod]
    public void Random_texts_of_members_and_breakers_give_the_reference_runs()
    {
        var random = new Random(20261129);
        var breakers = " .,;=\n\"'(){}é日\u0100\u212A%";
        for (var round = 0; round < 3000; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 400);
            while (text.Length < length)
            {
                // Mostly members, in stretches of varied length, so runs of 20-30 characters (the edge) are common.
                var stretch = random.Next(1, 40);
                for (var i = 0; i < stretch; i++)
                {
                    text.Append(Members[random.Next(Members.Length)]);
                }

                text.Append(breakers[random.Next(breakers.Length)]);
                if (random.Next(8) == 0)
                {
                    text.Append('=', random.Next(1, 4));
                }
            }

            var s = text.ToString();
            CollectionAssert.AreEqual(Reference(s), Found(s), s);
        }
    }

    [TestMethod]
    public void Hex_runs_and_padding_are_told_apart()
    {
        var hex = new string('a', 16) + "0123456789abcdef";
        var text = $"x={hex} y=QUJDREVGR0hJSktMTU5PUFFSU1RVVldY== z";

        var runs = Found(text);

        Assert.HasCount(2, runs);
        Assert.AreEqual((2, 32, true), runs[0]);
        Assert.AreEqual((text.IndexOf("QUJD", StringComparison.Ordinal), 34, false), runs[1]);
    }

    private static List<(int Start, int Length, bool IsHex)> Found(string text)
    {
        var found = new List<(int, int, bool)>();
        var position = 0;
        while (EncodedRunFinder.TryFindNext(text, ref position, out var run))
        {
            found.Add((run.Start, run.Length, run.IsHex));
        }

        return found;
    }

    // One character at a time: maximal member runs of 24 or more, up to two '=' after, hex when 32+ hex digits.
    private static List<(int Start, int Length, bool IsHex)> Reference(string text)
    {
        var found = new List<(int, int, bool)>();
        for (var i = 0; i < text.Length;)
        {
            if (!Members.Contains(text[i], StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && Members.Contains(text[end], StringComparison.Ordinal))
            {
                end++;
            }

            if (end - i < 24)
            {
                i = end;
                continue;
            }

            var isHex = end - i >= 32 && text[i..end].All(char.IsAsciiHexDigit);
            var padded = end;
            while (padded < text.Length && padded - end < 2 && text[padded] == '=')
            {
                padded++;
            }

            found.Add((i, padded - i, isHex));
            i = padded;
        }

        return found;
    }
}

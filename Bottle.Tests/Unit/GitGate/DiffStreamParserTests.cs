using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Unit.GitGate;

[TestClass]
public sealed class DiffStreamParserTests
{
    private const string A = "1111111111111111111111111111111111111111";
    private const string B = "2222222222222222222222222222222222222222";

    private static async Task<List<DiffItem>> ParseAsync(string text, long maxLineCharacters = long.MaxValue)
    {
        var items = new List<DiffItem>();
        await foreach (var item in new DiffStreamParser(new StringReader(text), maxLineCharacters).ReadAsync(CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    [TestMethod]
    public async Task Added_lines_get_their_new_file_line_numbers_and_header_lookalikes_stay_content()
    {
        var log = $"\0{A}\0subject\n\nbody mentions diff --git a/x b/x\n\0\n\n"
            + "diff --git a/f.txt b/f.txt\nindex 1..2 100644\n--- a/f.txt\n+++ b/f.txt\n"
            + "@@ -1,3 +1,4 @@\n keep\n-old\n++++ not a header\n+diff --git a/y b/y\n keep2\n"
            + "@@ -10 +11,2 @@\n-x\n+y\n+z\n\\ No newline at end of file\n";

        var items = await ParseAsync(log);

        Assert.AreEqual(2, items.Count);
        var message = (CommitMessageItem)items[0];
        Assert.AreEqual("subject\n\nbody mentions diff --git a/x b/x", message.Message);
        var file = (AddedLinesItem)items[1];
        Assert.AreEqual("f.txt", file.Path);
        CollectionAssert.AreEqual(
            new[] { new AddedLine(2, "+++ not a header"), new AddedLine(3, "diff --git a/y b/y"), new AddedLine(11, "y"), new AddedLine(12, "z") },
            file.Lines.ToArray());
    }

    [TestMethod]
    public async Task Binary_deleted_and_quoted_files_across_commits()
    {
        var log = $"\0{A}\0one\n\0\n\n"
            + "diff --git a/img.png b/img.png\nnew file mode 100644\nindex 0..1\nBinary files /dev/null and b/img.png differ\n"
            + "diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
            + $"\0{B}\0two\n\0\n\n"
            + "diff --git \"a/t\\tab \\303\\251.txt\" \"b/t\\tab \\303\\251.txt\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/t\\tab \\303\\251.txt\"\n@@ -0,0 +1 @@\n+secret\n";

        var items = await ParseAsync(log);

        Assert.AreEqual(4, items.Count);
        Assert.AreEqual(new BinaryFileItem(A, "img.png"), items[1]);
        Assert.AreEqual(B, ((CommitMessageItem)items[2]).Commit);
        var quoted = (AddedLinesItem)items[3];
        Assert.AreEqual("t\tab é.txt", quoted.Path);
        Assert.AreEqual(B, quoted.Commit);
    }

    [TestMethod]
    public async Task Truncated_hunk_is_an_error_not_a_silent_pass()
    {
        var log = $"\0{A}\0one\n\0\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,1 +1,3 @@\n+only one\n";

        await Assert.ThrowsExactlyAsync<FormatException>(() => ParseAsync(log));
    }

    [TestMethod]
    public async Task Carriage_return_inside_an_added_line_is_content_not_a_line_break()
    {
        // git ends lines with LF only; splitting at a CR would shift the hunk's line counts.
        var log = $"\0{A}\0one\n\0\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-old\n+a\rb\n+c\r\n";

        var items = await ParseAsync(log);

        var file = (AddedLinesItem)items[1];
        CollectionAssert.AreEqual(new[] { new AddedLine(1, "a\rb"), new AddedLine(2, "c\r") }, file.Lines.ToArray());
        Assert.AreEqual("a\rb\nc\r\n", file.Added.Text);
    }

    [TestMethod]
    public async Task A_line_longer_than_the_cap_stops_the_parse_and_says_so()
    {
        var log = $"\0{A}\0one\n\0\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+{new string('x', 200_000)}\n";
        var parser = new DiffStreamParser(new StringReader(log), maxLineCharacters: 100_000);

        await Assert.ThrowsExactlyAsync<FormatException>(async () =>
        {
            await foreach (var item in parser.ReadAsync(CancellationToken.None))
            {
                _ = item;
            }
        });

        Assert.IsTrue(parser.LineTooLong);
        Assert.IsTrue(parser.CharactersRead > 100_000);
    }

    [TestMethod]
    [DataRow("@@ -1,3 +1,4 @@", 3, 1, 4)]
    [DataRow("@@ -10 +11,2 @@ int main()", 1, 11, 2)]
    [DataRow("@@ -0,0 +1 @@", 0, 1, 1)]
    public void Hunk_headers_are_read_with_omitted_counts_as_one(string header, int oldCount, int newStart, int newCount)
    {
        Assert.IsTrue(DiffStreamParser.TryParseHunkHeader(header, out var o, out var s, out var n));
        Assert.AreEqual((oldCount, newStart, newCount), (o, s, n));
    }

    [TestMethod]
    [DataRow("@@ -1,3 +1,4")]
    [DataRow("@@ -x +1 @@")]
    [DataRow("@@ -1 1 @@")]
    public void Malformed_hunk_headers_are_refused(string header) =>
        Assert.IsFalse(DiffStreamParser.TryParseHunkHeader(header, out _, out _, out _));
}

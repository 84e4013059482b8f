using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Unit.GitGate;

[TestClass]
public sealed class DiffStreamParserTests
{
    private const string A = "1111111111111111111111111111111111111111";
    private const string B = "2222222222222222222222222222222222222222";

    private static async Task<List<DiffItem>> ParseAsync(string text)
    {
        var items = new List<DiffItem>();
        await foreach (var item in new DiffStreamParser(new StringReader(text)).ReadAsync(CancellationToken.None))
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
}

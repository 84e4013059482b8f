using System.Text;
using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Unit.GitGate;

[TestClass]
public sealed class RawLogParserTests
{
    private const string A = "1111111111111111111111111111111111111111";
    private const string B = "2222222222222222222222222222222222222222";
    private const string Blob = "3333333333333333333333333333333333333333";
    private const string Zero = "0000000000000000000000000000000000000000";

    private static readonly string[] Paths = ["dir/with space\nand newline.txt", "m.txt", "gone.txt", "sub"];

    private static readonly bool[] Whole = [true, false, false, false];

    [TestMethod]
    public void Commits_and_changes_are_read_in_order_with_paths_as_written()
    {
        // As `git log -z --raw --no-abbrev --format=%H` prints it: a commit with no changes, then one with three.
        var output = $"{A}\0{B}\0\n:000000 100644 {Zero} {Blob} A\0dir/with space\nand newline.txt\0"
            + $":100644 100644 {Blob} {Blob} M\0m.txt\0:100644 000000 {Blob} {Zero} D\0gone.txt\0"
            + $":000000 160000 {Zero} {Blob} A\0sub\0";

        var commits = RawLogParser.Parse(Encoding.UTF8.GetBytes(output));

        Assert.AreEqual(2, commits.Count);
        Assert.AreEqual(A, commits[0].Id);
        Assert.AreEqual(0, commits[0].Files.Count);
        Assert.AreEqual(B, commits[1].Id);
        CollectionAssert.AreEqual(Paths, commits[1].Files.Select(f => f.Path).ToArray());
        CollectionAssert.AreEqual(Whole, commits[1].Files.Select(f => f.IsWholeNewBlob).ToArray(), "only a new file's blob is scanned whole; not a modification, a deletion or a submodule");
    }

    [TestMethod]
    public void Output_fed_in_pieces_of_any_size_parses_the_same()
    {
        // git's output reaches the parser in pipe-sized reads that can split a field anywhere.
        var output = Encoding.UTF8.GetBytes($"{A}\0\n:000000 100644 {Zero} {Blob} A\0a.txt\0{B}\0\n:100644 100644 {Blob} {Blob} M\0b.txt\0");
        foreach (var size in new[] { 1, 2, 7, 41, output.Length })
        {
            var parser = new RawLogParser();
            var commits = new List<RawCommit>();
            for (var at = 0; at < output.Length; at += size)
            {
                parser.Feed(output.AsSpan(at, Math.Min(size, output.Length - at)), commits);
            }

            parser.Finish(commits);
            Assert.AreEqual($"{A}:a.txt {B}:b.txt", string.Join(' ', commits.Select(c => c.Id + ":" + string.Join(',', c.Files.Select(f => f.Path)))), $"pieces of {size}");
        }
    }

    [TestMethod]
    public void Unexpected_output_is_a_format_error_not_a_silent_skip()
    {
        Assert.ThrowsExactly<FormatException>(() => RawLogParser.Parse(Encoding.UTF8.GetBytes("not-a-commit\0")));
        Assert.ThrowsExactly<FormatException>(() => RawLogParser.Parse(Encoding.UTF8.GetBytes($"{A}\0:100644 100644 {Blob}\0x\0")));
        Assert.ThrowsExactly<FormatException>(() => RawLogParser.Parse(Encoding.UTF8.GetBytes($":000000 100644 {Zero} {Blob} A\0x\0")), "a change before any commit");
        Assert.ThrowsExactly<FormatException>(() => RawLogParser.Parse(Encoding.UTF8.GetBytes($"{A}\0:000000 100644 {Zero} {Blob} A")), "a change without its path");
    }

    [TestMethod]
    public void A_status_other_than_added_modified_deleted_or_type_changed_is_refused()
    {
        // Neither scan path reads these (--no-renames should stop R and C; R and C carry two paths): the push fails closed.
        foreach (var (status, paths) in new[] { ("R100", "old.txt\0new.txt\0"), ("C075", "old.txt\0new.txt\0"), ("U", "x.txt\0"), ("X", "x.txt\0") })
        {
            var output = $"{A}\0:100644 100644 {Blob} {Blob} {status}\0{paths}";
            var error = Assert.ThrowsExactly<FormatException>(() => RawLogParser.Parse(Encoding.UTF8.GetBytes(output)), status);
            StringAssert.Contains(error.Message, status);
        }
    }
}

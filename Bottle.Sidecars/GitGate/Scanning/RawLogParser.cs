using System.Text;
using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Parses <c>git log -z --raw --no-abbrev --format=%H</c> as it streams: NUL-separated fields, so no path can be
/// mistaken for structure. A commit is its id (optionally after a newline); each change is
/// <c>:&lt;old mode&gt; &lt;new mode&gt; &lt;old id&gt; &lt;new id&gt; &lt;status&gt;</c> followed by a field holding the path
/// (raw bytes, never quoted under <c>-z</c>). A commit is complete when the next one starts, or at the end.
/// </summary>
internal sealed class RawLogParser
{
    private byte[] carry = [];
    private string? commit;
    private List<ChangedFile> files = [];
    private string[]? change;

    /// <summary>The commits of a whole <paramref name="output"/> in order; anything unexpected is a <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<RawCommit> Parse(ReadOnlySpan<byte> output)
    {
        var parser = new RawLogParser();
        var commits = new List<RawCommit>();
        parser.Feed(output, commits);
        parser.Finish(commits);
        return commits;
    }

    /// <summary>Reads the next piece of output, adding the commits it completes to <paramref name="completed"/>.</summary>
    public void Feed(ReadOnlySpan<byte> data, List<RawCommit> completed)
    {
        var last = data.LastIndexOf((byte)0);
        if (last < 0)
        {
            carry = [.. carry, .. data];
            return;
        }

        ReadOnlySpan<byte> fields = carry.Length == 0 ? data[..(last + 1)] : [.. carry, .. data[..(last + 1)]];
        carry = data[(last + 1)..].ToArray();
        while (!fields.IsEmpty)
        {
            var end = fields.IndexOf((byte)0);
            Field(fields[..end], completed);
            fields = fields[(end + 1)..];
        }
    }

    /// <summary>Ends the output: adds the last commit to <paramref name="completed"/>.</summary>
    public void Finish(List<RawCommit> completed)
    {
        if (carry.Length > 0)
        {
            Field(carry, completed);
            carry = [];
        }

        if (change is not null)
        {
            throw new FormatException($"git log --raw: change '{Shorten(string.Join(' ', change))}' without its path");
        }

        if (commit is not null)
        {
            completed.Add(new RawCommit(commit, files));
            commit = null;
        }
    }

    private void Field(ReadOnlySpan<byte> field, List<RawCommit> completed)
    {
        if (change is not null)
        {
            files.Add(new ChangedFile(change[4][0], change[1], change[3], Encoding.UTF8.GetString(field)));
            change = null;
            return;
        }

        field = field.TrimStart((byte)'\n');
        if (field.IsEmpty)
        {
            return;
        }

        if (field[0] != ':')
        {
            var id = Encoding.ASCII.GetString(field);
            if (!RefUpdate.IsObjectId(id))
            {
                throw new FormatException($"git log --raw: expected a commit id, found '{Shorten(id)}'");
            }

            if (commit is not null)
            {
                completed.Add(new RawCommit(commit, files));
            }

            commit = id;
            files = [];
            return;
        }

        var parts = Encoding.ASCII.GetString(field[1..]).Split(' ');
        if (commit is null || parts.Length != 5 || parts[4].Length == 0 || !RefUpdate.IsObjectId(parts[3]))
        {
            throw new FormatException($"git log --raw: unreadable change '{Shorten(Encoding.ASCII.GetString(field))}'");
        }

        // With --no-renames git only reports these; any other status (a rename or copy with two paths, an unmerged or
        // unknown entry) would be scanned by neither the whole-blob nor the modification path: refuse the push instead.
        if (parts[4] is not ("A" or "M" or "D" or "T"))
        {
            throw new FormatException($"git log --raw: unexpected change status '{Shorten(parts[4])}' for {parts[3]}");
        }

        change = parts;
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}

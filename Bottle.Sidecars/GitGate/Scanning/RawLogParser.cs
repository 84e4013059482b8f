using System.Text;
using Bottle.Sidecars.GitGate.Git;

namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Parses <c>git log -z --raw --no-abbrev --format=%H</c>: NUL-separated fields, so no path or message can be
/// mistaken for structure. A commit is its id (optionally after a newline); each change is
/// <c>:&lt;old mode&gt; &lt;new mode&gt; &lt;old id&gt; &lt;new id&gt; &lt;status&gt;</c> followed by a field holding the path
/// (raw bytes, never quoted under <c>-z</c>).
/// </summary>
internal static class RawLogParser
{
    /// <summary>The commits of <paramref name="output"/> in order; anything unexpected is a <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<RawCommit> Parse(ReadOnlySpan<byte> output)
    {
        var commits = new List<RawCommit>();
        string? commit = null;
        var files = new List<ChangedFile>();
        while (!output.IsEmpty)
        {
            var field = Next(ref output).TrimStart((byte)'\n');
            if (field.IsEmpty)
            {
                continue;
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
                    commits.Add(new RawCommit(commit, files));
                }

                commit = id;
                files = [];
                continue;
            }

            var parts = Encoding.ASCII.GetString(field[1..]).Split(' ');
            if (commit is null || parts.Length != 5 || parts[4].Length == 0 || !RefUpdate.IsObjectId(parts[3]) || output.IsEmpty)
            {
                throw new FormatException($"git log --raw: unreadable change '{Shorten(Encoding.ASCII.GetString(field))}'");
            }

            files.Add(new ChangedFile(parts[4][0], parts[1], parts[3], Encoding.UTF8.GetString(Next(ref output))));
        }

        if (commit is not null)
        {
            commits.Add(new RawCommit(commit, files));
        }

        return commits;
    }

    private static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> output)
    {
        var end = output.IndexOf((byte)0);
        var field = end < 0 ? output : output[..end];
        output = end < 0 ? [] : output[(end + 1)..];
        return field;
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}

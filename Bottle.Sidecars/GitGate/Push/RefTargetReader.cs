using System.Globalization;
using System.Text;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>
/// Finds what each pushed ref points at, peeling annotated tags, with one <c>git cat-file --batch-command</c>
/// process for the whole push (not one git per ref): <c>info</c> for every object, <c>contents</c> only for tags,
/// so a ref naming a huge blob is never read.
/// </summary>
internal sealed class RefTargetReader(GitRunner git)
{
    /// <summary>Tags of tags deeper than this are refused rather than followed.</summary>
    public const int MaxTagDepth = 16;

    /// <summary>Largest tag object read; a bigger one is an error (the push is refused).</summary>
    private const int MaxTagBytes = 1024 * 1024;

    /// <summary>Reads the targets of <paramref name="ids"/> (distinct object ids), keyed by id.</summary>
    public async Task<IReadOnlyDictionary<string, RefTarget>> ReadAsync(
        string repository,
        IReadOnlyCollection<string> ids,
        IEnumerable<KeyValuePair<string, string>> objectEnvironment,
        CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, RefTarget>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return targets;
        }

        using var process = git.Start(git.CreateStartInfo(repository, ["cat-file", "--batch-command"], objectEnvironment));
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var input = process.StandardInput.BaseStream;
        var output = new BufferedStream(process.StandardOutput.BaseStream);
        try
        {
            foreach (var id in ids)
            {
                targets[id] = await PeelAsync(id, input, output, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            GitRunner.Kill(process);
            throw new GitCommandException($"reading the pushed objects failed: {ex.Message} {await StderrAsync(stderr)}", ex);
        }
        finally
        {
            process.StandardInput.Close();
        }

        await GitRunner.WaitForExitAsync(process, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new GitCommandException($"reading the pushed objects failed (git cat-file exit {process.ExitCode}): {await StderrAsync(stderr)}");
        }

        return targets;
    }

    private static async Task<RefTarget> PeelAsync(string id, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var tags = new List<AnnotatedTag>();
        var current = id;
        string? firstType = null;
        while (true)
        {
            var (type, size) = await CommandAsync($"info {current}", input, output, cancellationToken);
            firstType ??= type;
            if (type != "tag" || tags.Count >= MaxTagDepth)
            {
                return new RefTarget(firstType, current, type == "tag" ? $"tag chain deeper than {MaxTagDepth}" : type, tags);
            }

            if (size > MaxTagBytes)
            {
                throw new IOException($"tag object {current} is {size:N0} bytes, more than the {MaxTagBytes:N0} git-gate reads");
            }

            await CommandAsync($"contents {current}", input, output, cancellationToken);
            var text = Encoding.UTF8.GetString(await ReadExactlyAsync(output, (int)size, cancellationToken));
            if (await ReadByteAsync(output, cancellationToken) != '\n')
            {
                throw new IOException("git cat-file: object contents not followed by a newline");
            }

            var tag = Parse(current, text);
            tags.Add(tag.Tag);
            current = tag.Target;
        }
    }

    /// <summary>Sends one command and reads its header line: <c>&lt;id&gt; &lt;type&gt; &lt;size&gt;</c> or <c>&lt;id&gt; missing</c>.</summary>
    private static async Task<(string Type, long Size)> CommandAsync(string command, Stream input, Stream output, CancellationToken cancellationToken)
    {
        await input.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken);
        await input.FlushAsync(cancellationToken);
        var header = await ReadLineAsync(output, cancellationToken);
        var parts = header.Split(' ');
        if (parts.Length == 2 && parts[1] == RefTarget.Missing)
        {
            return (RefTarget.Missing, 0);
        }

        return parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? (parts[1], size)
            : throw new IOException($"git cat-file: unexpected answer '{header}' to '{command}'");
    }

    /// <summary>Reads the header of a tag object: what it points at, and its name.</summary>
    private static (AnnotatedTag Tag, string Target) Parse(string id, string text)
    {
        string? target = null;
        var name = string.Empty;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                break; // the header ends at the first empty line; the message follows
            }

            if (line.StartsWith("object ", StringComparison.Ordinal))
            {
                target = line["object ".Length..];
            }
            else if (line.StartsWith("tag ", StringComparison.Ordinal))
            {
                name = line["tag ".Length..];
            }
        }

        return target is not null && RefUpdate.IsObjectId(target)
            ? (new AnnotatedTag(id, name, text), target)
            : throw new IOException($"tag object {id} has no valid 'object' line");
    }

    private static async Task<string> ReadLineAsync(Stream output, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = await ReadByteAsync(output, cancellationToken)) != '\n')
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static async Task<int> ReadByteAsync(Stream output, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        return await output.ReadAsync(one, cancellationToken) == 1 ? one[0] : throw new EndOfStreamException("git cat-file ended early");
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream output, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await output.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    private static async Task<string> StderrAsync(Task<string> stderr) => (await stderr).Trim();
}

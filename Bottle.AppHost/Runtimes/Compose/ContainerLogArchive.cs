using System.Text;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Saves the whole logs of a bottle's containers to one file, in the shape of <c>compose logs --no-color
/// --timestamps</c> (<c>&lt;container&gt; | &lt;timestamp&gt; &lt;line&gt;</c>), but read with one
/// <c>docker logs --timestamps</c> per container, all at once, instead of a Compose (Python) start. The engine
/// keeps each container's log until the container is removed, so reading it after the containers stopped and
/// before they are removed loses nothing, whether or not this process followed them (a detached bottle taken
/// down by another process, a crashed one found by <c>prune</c>). Lines are merged into one timeline by their
/// timestamps (the engine's fixed-width RFC 3339, so ordinal order is time order), which also puts each
/// container's stdout and stderr lines back in the order they were written.
/// </summary>
public static class ContainerLogArchive
{
    /// <summary>
    /// Writes the logs of <paramref name="containers"/> (names) to <paramref name="path"/>; returns a description
    /// of each container whose log could not be read (its part of the file then says so too).
    /// </summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<string> containers, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var reads = containers
            .Select(name => DockerCli.RunAsync(["logs", "--timestamps", name], cancellationToken))
            .ToList();
        var logs = new List<ContainerLog>();
        var problems = new List<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var result = await reads[i];
            if (result.Succeeded)
            {
                logs.Add(new ContainerLog(containers[i], result.StdOut, result.StdErr));
            }
            else
            {
                var problem = $"cannot read the log of {containers[i]}: {result.StdErr.Trim()}";
                problems.Add(problem);
                logs.Add(new ContainerLog(containers[i], string.Empty, $"({problem})\n")); // sorts before every timestamp
            }
        }

        StateFiles.WriteText(path, Format(logs), StateFiles.Public);
        return problems;
    }

    /// <summary>One timeline of every line of <paramref name="logs"/>, each prefixed with its container's name.</summary>
    public static string Format(IReadOnlyList<ContainerLog> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var width = logs.Count == 0 ? 0 : logs.Max(l => l.Container.Length);
        var lines = logs
            .SelectMany(log => Lines(log.StdOut).Concat(Lines(log.StdErr)).Select(line => (log.Container, Line: line)))
            .OrderBy(entry => Timestamp(entry.Line), StringComparer.Ordinal); // stable: equal stamps keep their order
        var text = new StringBuilder();
        foreach (var (container, line) in lines)
        {
            text.Append(container.PadRight(width)).Append(" | ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);

    private static string Timestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? line : line[..space];
    }
}

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// What a finished run leaves for CI: copies of the state directory's <c>compose.log</c> (every service's log,
/// saved at teardown), <c>audit.jsonl</c> (every sidecar decision), git-gate's findings (<c>findings.sarif</c>,
/// <c>findings.json</c>, when a push was refused), and <see cref="JUnitReport.FileName"/> with one case per check.
/// </summary>
public static class BottleArtifacts
{
    /// <summary>The state files copied when they exist and are not empty.</summary>
    public static IReadOnlyList<string> StateFiles { get; } = [ComposeTeardown.LogFileName, "audit.jsonl", "findings/findings.sarif", "findings/findings.json"];

    /// <summary>
    /// Copies the state files of <paramref name="stateDirectory"/> into <paramref name="artifactsDirectory"/> (created if
    /// missing) and writes the JUnit report of <paramref name="checks"/>; returns the paths written.
    /// </summary>
    /// <exception cref="IOException">A file could not be copied or written (the message names it).</exception>
    public static async Task<IReadOnlyList<string>> SaveAsync(
        string stateDirectory, string artifactsDirectory, string slug, IReadOnlyList<BottleCheck> checks, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactsDirectory);
        ArgumentNullException.ThrowIfNull(checks);
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(artifactsDirectory);
            foreach (var name in StateFiles)
            {
                var source = new FileInfo(Path.Combine(stateDirectory, name));
                if (source.Exists && source.Length > 0)
                {
                    var target = Path.Combine(artifactsDirectory, Path.GetFileName(name));
                    source.CopyTo(target, overwrite: true);
                    written.Add(target);
                }
            }

            var report = Path.Combine(artifactsDirectory, JUnitReport.FileName);
            await File.WriteAllTextAsync(report, JUnitReport.Render(slug, checks, timestamp), cancellationToken);
            written.Add(report);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"cannot save the artifacts into '{artifactsDirectory}': {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new IOException($"cannot save the artifacts into '{artifactsDirectory}': {ex.Message}", ex);
        }

        return written;
    }
}

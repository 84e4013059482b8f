namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Stages the build contexts of Bottle's own images from a source checkout into
/// <c>artifacts/images/&lt;name&gt;/</c>: exactly the Dockerfile and what it copies, so the content hash
/// covers what the image is made of and nothing else.
/// </summary>
public static class ImageBuilderContexts
{
    /// <summary>The sidecar image's repository.</summary>
    public const string SidecarsRepository = "bottle-sidecars";

    /// <summary>The agent image's repository.</summary>
    public const string AgentRepository = "bottle-agent";

    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = "Bottle.slnx";

    /// <summary>Finds the source checkout that contains <paramref name="startDirectory"/>, or null when there is none.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RootMarker)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Publishes <c>Bottle.Sidecars</c> self-contained for linux-x64 into the context's <c>app/</c> and copies its Dockerfile.
    /// The publish uses its own artifacts path so it never rewrites the obj/ folders of a developer's build.
    /// </summary>
    public static async Task<ImageBuilderRequest> StageSidecarsAsync(string repositoryRoot, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        var context = ResetContext(repositoryRoot, SidecarsRepository);
        var project = Path.Combine(repositoryRoot, "Bottle.Sidecars", "Bottle.Sidecars.csproj");
        onProgress?.Invoke($"{SidecarsRepository}: dotnet publish {project}");
        var publish = await ImageBuilderProcess.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-nologo",
             "-o", Path.Combine(context, "app"),
             "--artifacts-path", Path.Combine(repositoryRoot, "artifacts", "images", ".build")],
            onProgress,
            cancellationToken);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish of '{project}' for image '{SidecarsRepository}' failed with exit code {publish.ExitCode}:\n{publish.Describe()}");
        }

        File.Copy(Path.Combine(repositoryRoot, "Bottle.Sidecars", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        return new ImageBuilderRequest(SidecarsRepository, context);
    }

    /// <summary>Stages the agent image's context: its Dockerfile (it copies nothing from the host yet).</summary>
    public static ImageBuilderRequest StageAgent(string repositoryRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        var context = ResetContext(repositoryRoot, AgentRepository);
        File.Copy(Path.Combine(repositoryRoot, "Bottle.Agent", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        return new ImageBuilderRequest(AgentRepository, context);
    }

    // A fresh directory each time: files left from an older staging would change the hash and the image.
    private static string ResetContext(string repositoryRoot, string name)
    {
        var context = Path.Combine(repositoryRoot, "artifacts", "images", name);
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }

        Directory.CreateDirectory(context);
        return context;
    }
}

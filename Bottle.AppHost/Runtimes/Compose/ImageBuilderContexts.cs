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

    /// <summary>The Claude Code agent image's repository (the slim agent image plus Claude Code).</summary>
    public const string ClaudeRepository = "bottle-agent-claude";

    /// <summary>Claude Code's native-binary npm package (one self-contained linux-x64 executable, no Node.js needed).</summary>
    public const string ClaudeCodePackage = "@anthropic-ai/claude-code-linux-x64";

    /// <summary>The one place Claude Code's version is pinned; the Claude image is rebuilt when it changes.</summary>
    public const string ClaudeCodeVersion = "2.1.330";

    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = "Bottle.slnx";

    /// <summary>
    /// Takes the checkout's staging lock: one staging-and-build at a time across processes (an <c>up</c> started by
    /// a test runs beside the test process). Each context is a fixed folder under <c>artifacts/images/</c> that
    /// staging deletes and refills, so no staging may run while another build reads it. Hold the returned lock from
    /// staging until the image is built; disposing it releases it (the OS releases it too if the process dies).
    /// </summary>
    public static async Task<IDisposable> AcquireBuildLockAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(repositoryRoot, "artifacts", "images");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ".staging.lock");
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: held by one open file in any process at a time.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

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
        await PublishAsync(repositoryRoot, "Bottle.Sidecars", SidecarsRepository, Path.Combine(context, "app"), [], onProgress, cancellationToken);
        File.Copy(Path.Combine(repositoryRoot, "Bottle.Sidecars", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        return new ImageBuilderRequest(SidecarsRepository, context);
    }

    /// <summary>
    /// Stages the slim agent image's context: its Dockerfile and <c>bottle-agent/bottle-agent</c>, the shim published
    /// self-contained, single-file and trimmed for linux-x64 (one ~15 MB file, no .NET in the image).
    /// </summary>
    public static async Task<ImageBuilderRequest> StageAgentAsync(string repositoryRoot, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        var context = ResetContext(repositoryRoot, AgentRepository);
        await PublishShimAsync(repositoryRoot, context, AgentRepository, onProgress, cancellationToken);
        File.Copy(Path.Combine(repositoryRoot, "Bottle.Agent", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        return new ImageBuilderRequest(AgentRepository, context);
    }

    /// <summary>
    /// Stages the Claude Code agent image's context: <c>Bottle.Agent/Dockerfile.claude</c> as its Dockerfile, the shim,
    /// and <c>claude-code.tgz</c>, the pinned Claude Code package from <see cref="EnsureClaudeCodeTarballAsync"/>.
    /// </summary>
    public static async Task<ImageBuilderRequest> StageClaudeAsync(string repositoryRoot, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        var tarball = await EnsureClaudeCodeTarballAsync(repositoryRoot, onProgress, cancellationToken);
        var context = ResetContext(repositoryRoot, ClaudeRepository);
        await PublishShimAsync(repositoryRoot, context, ClaudeRepository, onProgress, cancellationToken);
        File.Copy(Path.Combine(repositoryRoot, "Bottle.Agent", "Dockerfile.claude"), Path.Combine(context, "Dockerfile"));
        File.Copy(tarball, Path.Combine(context, "claude-code.tgz"));
        return new ImageBuilderRequest(ClaudeRepository, context);
    }

    /// <summary>
    /// The pinned Claude Code tarball, cached at <c>artifacts/npm/</c>: fetched with <c>npm pack</c> on the host the
    /// first time (containers here cannot verify the npm registry's TLS), then reused, so it is downloaded once.
    /// </summary>
    public static async Task<string> EnsureClaudeCodeTarballAsync(string repositoryRoot, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        var cache = Path.Combine(repositoryRoot, "artifacts", "npm");
        // npm pack's file name: scope and name joined by '-', without the '@'.
        var tarball = Path.Combine(cache, $"{ClaudeCodePackage.TrimStart('@').Replace('/', '-')}-{ClaudeCodeVersion}.tgz");
        if (File.Exists(tarball))
        {
            return tarball;
        }

        Directory.CreateDirectory(cache);
        var spec = $"{ClaudeCodePackage}@{ClaudeCodeVersion}";
        onProgress?.Invoke($"{ClaudeRepository}: npm pack {spec} (once; cached in {cache})");
        var pack = await ImageBuilderProcess.RunAsync("npm", ["pack", spec, "--pack-destination", cache], onProgress, cancellationToken);
        if (pack.ExitCode != 0 || !File.Exists(tarball))
        {
            throw new InvalidOperationException(
                $"npm pack {spec} for image '{ClaudeRepository}' failed with exit code {pack.ExitCode} (expected '{tarball}'):\n{pack.Describe()}");
        }

        return tarball;
    }

    private static Task PublishShimAsync(string repositoryRoot, string context, string repository, Action<string>? onProgress, CancellationToken cancellationToken) =>
        PublishAsync(
            repositoryRoot,
            "Bottle.Agent",
            repository,
            Path.Combine(context, "bottle-agent"),
            ["-p:PublishSingleFile=true", "-p:PublishTrimmed=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false"],
            onProgress,
            cancellationToken);

    // Self-contained linux-x64 into its own artifacts path, so it never rewrites the obj/ folders of a developer's build.
    private static async Task PublishAsync(
        string repositoryRoot,
        string projectName,
        string repository,
        string output,
        IEnumerable<string> extraArguments,
        Action<string>? onProgress,
        CancellationToken cancellationToken)
    {
        var project = Path.Combine(repositoryRoot, projectName, $"{projectName}.csproj");
        onProgress?.Invoke($"{repository}: dotnet publish {project}");
        var publish = await ImageBuilderProcess.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-nologo", "-o", output,
             "--artifacts-path", Path.Combine(repositoryRoot, "artifacts", "images", ".build"), .. extraArguments],
            onProgress,
            cancellationToken);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish of '{project}' for image '{repository}' failed with exit code {publish.ExitCode}:\n{publish.Describe()}");
        }
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
